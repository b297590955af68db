package io.bookpay.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bookpay.events.money.CapturedAfterCancelRefundFailed;
import io.bookpay.events.money.CapturedAfterCancelRefunded;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.RefundFailed;
import io.bookpay.events.money.RefundSucceeded;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.LineItem;
import io.bookpay.outbox.Changed;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Money given back on a payment: to the card, the gift card, or (cash, external) by the business.
 * {@code reversalShortfall}: the part of it whose delivered value (gift-card balance, package
 * sessions) could not be taken back because it was spent; only a refund made at the processor can
 * have one, and a person settles it with the client.
 */
public record Refund(
    UUID id,
    @JsonIgnore UUID tenantId,
    UUID paymentId,
    UUID invoiceId,
    PaymentStatus status,
    long amount,
    String currency,
    String reason,
    String gatewayReference,
    String failureReason,
    @Schema(description = "Money of this refund whose delivered value (gift-card balance, package sessions) was spent and could"
        + " not be taken back; only refunds made at the processor can have one. A person settles it with the client.")
    long reversalShortfall,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * A new refund of {@code payment} as recorded: a card refund is PENDING until the processor
   * answers; any other has given the money back and comes with RefundSucceeded.
   */
  Changed<Refund> recorded(Payment payment, Invoice invoice, List<LineItem> lines) {
    return status == PaymentStatus.PENDING ? Changed.of(this)
        : Changed.of(this, new RefundSucceeded(invoiceId, id, paymentId, payment.facts(invoice, amount, lines), reason));
  }

  /**
   * This refund moved to {@code to} (SUCCEEDED or FAILED) as its status allows, with RefundSucceeded
   * or RefundFailed. The refund of a CANCELED payment's late capture is announced by its own
   * CapturedAfterCancelRefunded or ...RefundFailed: the invoice never counted that money.
   */
  Changed<Refund> moveTo(PaymentStatus to, String reference, String failureReason, Payment payment, Invoice invoice,
      List<LineItem> lines, Instant now) {
    if (!status.canMoveTo(to) || to == PaymentStatus.CANCELED) {
      throw new IllegalStateException("Refund " + id + " cannot move from " + status + " to " + to);
    }
    Refund moved = new Refund(id, tenantId, paymentId, invoiceId, to, amount, currency, reason,
        gatewayReference != null ? gatewayReference : reference, to == PaymentStatus.FAILED ? failureReason : null, reversalShortfall,
        createdAt, now);
    MoneyFacts facts = payment.facts(invoice, amount, lines);
    if (payment.status() == PaymentStatus.CANCELED) {
      return Changed.of(moved, to == PaymentStatus.SUCCEEDED
          ? new CapturedAfterCancelRefunded(invoiceId, id, paymentId, facts)
          : new CapturedAfterCancelRefundFailed(invoiceId, id, paymentId, facts, failureReason));
    }
    return Changed.of(moved, to == PaymentStatus.SUCCEEDED
        ? new RefundSucceeded(invoiceId, id, paymentId, facts, reason)
        : new RefundFailed(invoiceId, id, paymentId, facts, failureReason));
  }
}
