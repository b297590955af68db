package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The processor refused to send back money taken after a cancel; it is still held there, and a person must return it. */
@EventType("CapturedAfterCancelRefundFailed")
public record CapturedAfterCancelRefundFailed(UUID invoiceId, UUID refundId, UUID paymentId, MoneyFacts refund, String failureReason)
    implements InvoiceEvent {}
