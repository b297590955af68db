package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * A dispute of card payment {@code paymentId} closed (Stripe's {@code charge.dispute.closed}).
 * {@code outcome} {@code won}: the business keeps the money; {@code lost}: {@code dispute.amount} went
 * back to the cardholder, money given back like a refund (the read side counts it as disputes lost).
 */
@EventType("DisputeClosed")
public record DisputeClosed(UUID invoiceId, UUID paymentId, String disputeReference, MoneyFacts dispute, String outcome)
    implements InvoiceEvent {}
