package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The line-kind allocation of a payment that succeeded before payment events carried it: published
 * by the operator's backfill, once per run, for every SUCCEEDED payment. {@code payment} is what a
 * {@link PaymentSucceeded} of today would say; a consumer that already has the payment's
 * {@code byLineKind} ignores it, one that counted the payment without it adds the split to the day
 * the payment was counted.
 */
@EventType("PaymentAllocated")
public record PaymentAllocated(UUID invoiceId, UUID paymentId, MoneyFacts payment, UUID giftCardId) implements InvoiceEvent {}
