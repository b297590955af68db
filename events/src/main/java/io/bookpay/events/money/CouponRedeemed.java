package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A coupon took {@code discount} off the invoice; {@code redemptions} counts its uses so far. */
@EventType("CouponRedeemed")
public record CouponRedeemed(UUID invoiceId, UUID couponId, String code, UUID customerId, long discount, String currency,
    int redemptions) implements InvoiceEvent {}
