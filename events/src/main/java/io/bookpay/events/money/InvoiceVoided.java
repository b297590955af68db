package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The invoice will never be paid; a coupon it used is released. */
@EventType("InvoiceVoided")
public record InvoiceVoided(UUID invoiceId, InvoiceFacts invoice, String reason) implements InvoiceEvent {}
