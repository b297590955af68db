package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The line-kind allocation of a refund that succeeded before refund events carried it; published by
 * the operator's backfill like {@link PaymentAllocated}.
 */
@EventType("RefundAllocated")
public record RefundAllocated(UUID invoiceId, UUID refundId, UUID paymentId, MoneyFacts refund) implements InvoiceEvent {}
