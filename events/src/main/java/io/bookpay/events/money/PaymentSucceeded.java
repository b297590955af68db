package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** Money was taken for the invoice; {@code giftCardId} is set for gift-card payments. */
@EventType("PaymentSucceeded")
public record PaymentSucceeded(UUID invoiceId, UUID paymentId, MoneyFacts payment, UUID giftCardId, String gatewayReference)
    implements InvoiceEvent {}
