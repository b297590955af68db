package io.bookpay.invoice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.giftcard.IssuedGiftCard;
import java.time.Instant;
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
