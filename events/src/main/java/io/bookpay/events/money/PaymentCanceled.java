package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** A PENDING card payment was called off before the processor confirmed it; its reserved amount is free again. */
@EventType("PaymentCanceled")
public record PaymentCanceled(UUID invoiceId, UUID paymentId, MoneyFacts payment) implements InvoiceEvent {}
