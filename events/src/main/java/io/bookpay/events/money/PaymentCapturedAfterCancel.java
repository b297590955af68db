package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The processor took the money of a payment canceled here. The invoice never counts it: refund
 * {@code refundId} sends all of it back (CapturedAfterCancelRefunded or ...RefundFailed follows).
 */
@EventType("PaymentCapturedAfterCancel")
public record PaymentCapturedAfterCancel(UUID invoiceId, UUID paymentId, UUID refundId, MoneyFacts payment, String gatewayReference)
    implements InvoiceEvent {}
