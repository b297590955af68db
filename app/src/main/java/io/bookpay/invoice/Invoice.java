package io.bookpay.invoice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.events.money.InvoiceEvent.InvoiceFacts;
import io.bookpay.events.money.InvoiceEvent.LineFacts;
import io.bookpay.events.money.InvoiceIssued;
import io.bookpay.events.money.InvoicePaid;
import io.bookpay.events.money.InvoiceVoided;
import io.bookpay.giftcard.IssuedGiftCard;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An invoice with its amounts, all in minor units of {@code currency}: total = subtotal − discount +
 * tax; balanceDue = total − amountPaid. Refunds raise amountRefunded and never reopen it; refundStatus
 * (NONE, PARTIALLY_REFUNDED, REFUNDED) says how much of what was paid went back. amountPending is
 * card payments the gateway has not confirmed, reserved against the balance.
 */
public record Invoice(
    UUID id,
    @JsonIgnore UUID tenantId,
    UUID customerId,
    UUID bookingId,
    String currency,
    InvoiceStatus status,
    String refundStatus,
    UUID couponId,
    List<LineItem> lineItems,
    long subtotal,
    long discount,
    long tax,
    long total,
    long amountPaid,
    long amountPending,
    long amountRefunded,
    long balanceDue,
    Instant dueAt,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Instant finalizedAt,
    Instant paidAt,
    Instant voidedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<IssuedGiftCard> giftCards) {

  /** DRAFT → OPEN: the invoice as finalizing leaves it, and InvoiceIssued. Its lines must be loaded. */
  Changed<Invoice> issue(Instant now) {
    Invoice open = moveTo(InvoiceStatus.OPEN, now);
    return Changed.of(open, new InvoiceIssued(id, open.facts()));
  }

  /** OPEN → PAID (its balance reached zero): the paid invoice, and InvoicePaid. Its lines must be loaded. */
  Changed<Invoice> markPaid(Instant now) {
    Invoice paid = moveTo(InvoiceStatus.PAID, now);
    return Changed.of(paid, new InvoicePaid(id, paid.facts()));
  }

  /** DRAFT or OPEN → VOID: the voided invoice, and InvoiceVoided with {@code reason}. Its lines must be loaded. */
  Changed<Invoice> voidFor(String reason, Instant now) {
    Invoice voided = moveTo(InvoiceStatus.VOID, now);
    return Changed.of(voided, new InvoiceVoided(id, voided.facts(), reason));
  }

  /** The invoice in {@code to}, as the repository's conditional update writes it; a move its lifecycle forbids is a bug. */
  private Invoice moveTo(InvoiceStatus to, Instant now) {
    if (!status.canMoveTo(to)) {
      throw new IllegalStateException("Invoice " + id + " cannot move from " + status + " to " + to);
    }
    return new Invoice(id, tenantId, customerId, bookingId, currency, to, refundStatus, couponId, lineItems, subtotal, discount, tax,
        total, amountPaid, amountPending, amountRefunded, balanceDue, dueAt, version + 1, createdAt, now,
        to == InvoiceStatus.OPEN ? now : finalizedAt, to == InvoiceStatus.PAID ? now : paidAt, to == InvoiceStatus.VOID ? now : voidedAt,
        giftCards);
  }

  /** The invoice as its events describe it. */
  InvoiceFacts facts() {
    List<LineFacts> lines = new ArrayList<>();
    for (LineItem l : lineItems) {
      lines.add(new LineFacts(l.kind().name(), l.description(), l.quantity(), l.unitAmount(), l.amount(), l.discount(), l.tax(), l.refId()));
    }
    return new InvoiceFacts(customerId, bookingId, currency, subtotal, discount, tax, total, amountPaid, amountRefunded, balanceDue, dueAt,
        lines);
  }

  Invoice withLines(List<LineItem> lines) {
    return new Invoice(id, tenantId, customerId, bookingId, currency, status, refundStatus, couponId, lines, subtotal, discount, tax,
        total, amountPaid, amountPending, amountRefunded, balanceDue, dueAt, version, createdAt, updatedAt, finalizedAt, paidAt,
        voidedAt, giftCards);
  }

  Invoice withGiftCards(List<IssuedGiftCard> cards) {
    return new Invoice(id, tenantId, customerId, bookingId, currency, status, refundStatus, couponId, lineItems, subtotal, discount,
        tax, total, amountPaid, amountPending, amountRefunded, balanceDue, dueAt, version, createdAt, updatedAt, finalizedAt, paidAt,
        voidedAt, cards);
  }
}
