package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** Money went back to the customer (to the gift card, for gift-card payments). */
@EventType("RefundSucceeded")
public record RefundSucceeded(UUID invoiceId, UUID refundId, UUID paymentId, MoneyFacts refund, String reason)
    implements InvoiceEvent {}
