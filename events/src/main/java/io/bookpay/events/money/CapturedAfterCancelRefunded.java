package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The money taken after a cancel ({@link PaymentCapturedAfterCancel}) went back to the client; the invoice never counted it. */
@EventType("CapturedAfterCancelRefunded")
public record CapturedAfterCancelRefunded(UUID invoiceId, UUID refundId, UUID paymentId, MoneyFacts refund) implements InvoiceEvent {}
