package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bookpay.events.money.CouponRedeemed;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.UUID;

/** A percent ({@code percentOff}) or fixed ({@code amountOff} in {@code currency}) discount with limits. */
public record Coupon(
    UUID id,
    @JsonIgnore UUID tenantId,
    String code,
    String kind,
    Integer percentOff,
    Long amountOff,
    String currency,
    Instant validFrom,
    Instant validUntil,
    Integer maxRedemptions,
    Integer maxPerCustomer,
    int redemptions,
    boolean active,
    Instant createdAt) {

  /**
   * A redemption of this coupon (as taking it left its count) for {@code discount} off an invoice
   * being drafted for {@code customerId}, in {@code currency}: CouponRedeemed.
   */
  Changed<Coupon> redeemed(UUID invoiceId, UUID customerId, long discount, String currency) {
    return Changed.of(this, new CouponRedeemed(invoiceId, id, code, customerId, discount, currency, redemptions));
  }
}
