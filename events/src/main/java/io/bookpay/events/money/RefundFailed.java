package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The gateway could not refund; the payment can be refunded again. */
@EventType("RefundFailed")
public record RefundFailed(UUID invoiceId, UUID refundId, UUID paymentId, MoneyFacts refund, String failureReason)
    implements InvoiceEvent {}
