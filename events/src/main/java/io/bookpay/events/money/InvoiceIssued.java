package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The invoice was finalized: it is OPEN and can be paid. */
@EventType("InvoiceIssued")
public record InvoiceIssued(UUID invoiceId, InvoiceFacts invoice) implements InvoiceEvent {}
