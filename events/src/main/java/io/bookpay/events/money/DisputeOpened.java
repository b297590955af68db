package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The cardholder disputed card payment {@code paymentId} at their bank (Stripe's
 * {@code charge.dispute.created}): {@code dispute} says how much is disputed; the processor holds that
 * money until the dispute closes ({@link DisputeClosed}). {@code disputeReference} is the processor's
 * id of the dispute, {@code reason} its reason code (e.g. {@code fraudulent}).
 */
@EventType("DisputeOpened")
public record DisputeOpened(UUID invoiceId, UUID paymentId, String disputeReference, MoneyFacts dispute, String reason)
    implements InvoiceEvent {}
