package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The gateway declined or failed the payment; the invoice's balance is unchanged. */
@EventType("PaymentFailed")
public record PaymentFailed(UUID invoiceId, UUID paymentId, MoneyFacts payment, String reason) implements InvoiceEvent {}
