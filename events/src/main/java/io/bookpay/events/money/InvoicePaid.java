package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The balance reached zero; what was sold on it (packages, memberships, gift cards) is now delivered. */
@EventType("InvoicePaid")
public record InvoicePaid(UUID invoiceId, InvoiceFacts invoice) implements InvoiceEvent {}
