package io.bookpay.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bookpay.events.DomainEvent;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.PaymentCanceled;
import io.bookpay.events.money.PaymentCapturedAfterCancel;
import io.bookpay.events.money.PaymentFailed;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.invoice.Allocation;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.LineItem;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Money taken (or, PENDING, being taken) for an invoice; {@code amountRefunded} has gone back.
 * {@code capturedAfterCancelAt}: the processor took the money of this CANCELED payment after all
 * (it was refunded at once and never counted on the invoice). {@code failureCode}: the processor's
 * code of a FAILED card payment (Stripe's {@code decline_code}); {@code nextAction}: what the client's
 * device must do for a PENDING one (3-D Secure). {@code clientSecret} and {@code publishableKey} are
 * only in the answer that created a card payment (for Stripe's Payment Element): never stored, and
 * null in an idempotent replay of that answer.
 */
public record Payment(
    UUID id,
    @JsonIgnore UUID tenantId,
    UUID invoiceId,
    PaymentMethod method,
    PaymentStatus status,
    long amount,
    String currency,
    long amountRefunded,
    long amountRefundPending,
    UUID giftCardId,
    String gatewayReference,
    String failureReason,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failureCode,
    @JsonInclude(JsonInclude.Include.NON_NULL) NextAction nextAction,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant capturedAfterCancelAt,
    Instant createdAt,
    Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
    @JsonInclude(JsonInclude.Include.NON_NULL) String publishableKey) {

  /** A payment as stored: no client secret, no publishable key. */
  Payment(UUID id, UUID tenantId, UUID invoiceId, PaymentMethod method, PaymentStatus status, long amount, String currency,
      long amountRefunded, long amountRefundPending, UUID giftCardId, String gatewayReference, String failureReason, String failureCode,
      NextAction nextAction, Instant capturedAfterCancelAt, Instant createdAt, Instant updatedAt) {
    this(id, tenantId, invoiceId, method, status, amount, currency, amountRefunded, amountRefundPending, giftCardId, gatewayReference,
        failureReason, failureCode, nextAction, capturedAfterCancelAt, createdAt, updatedAt, null, null);
  }

  /** Why a FAILED payment failed, in words a front desk can read (the same text as {@code failureReason}). */
  @JsonProperty("failureMessage")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public String failureMessage() {
    return failureReason;
  }

  /** This payment as the answer that created it shows it: with what a front end needs to complete it on the client's device. */
  Payment forClient(String secret, String key) {
    return new Payment(id, tenantId, invoiceId, method, status, amount, currency, amountRefunded, amountRefundPending, giftCardId,
        gatewayReference, failureReason, failureCode, nextAction, capturedAfterCancelAt, createdAt, updatedAt, secret, key);
  }

  /**
   * A new payment as recorded: a card payment is PENDING, announced once the processor answers; any
   * other has taken the money and comes with PaymentSucceeded (about the invoice's {@code lines}).
   */
  Changed<Payment> recorded(Invoice invoice, List<LineItem> lines) {
    return status == PaymentStatus.PENDING ? Changed.of(this)
        : Changed.of(this, new PaymentSucceeded(invoiceId, id, facts(invoice, amount, lines), giftCardId, gatewayReference));
  }

  /**
   * This payment moved to {@code to} as its status allows, with the event that announces it:
   * PaymentSucceeded, PaymentFailed or PaymentCanceled (about the invoice's {@code lines}). The
   * processor's {@code reference} is kept if it had none yet; {@code failureReason} only for FAILED.
   */
  Changed<Payment> moveTo(PaymentStatus to, String reference, String failureReason, Invoice invoice, List<LineItem> lines,
      Instant now) {
    return moveTo(to, reference, failureReason, null, invoice, lines, now);
  }

  /** As above, with the processor's {@code failureCode} of a FAILED payment. */
  Changed<Payment> moveTo(PaymentStatus to, String reference, String failureReason, String failureCode, Invoice invoice,
      List<LineItem> lines, Instant now) {
    if (!status.canMoveTo(to)) {
      throw new IllegalStateException("Payment " + id + " cannot move from " + status + " to " + to);
    }
    Payment moved = new Payment(id, tenantId, invoiceId, method, to, amount, currency, amountRefunded, amountRefundPending, giftCardId,
        gatewayReference != null ? gatewayReference : reference, to == PaymentStatus.FAILED ? failureReason : null,
        to == PaymentStatus.FAILED ? failureCode : null, to == PaymentStatus.PENDING ? nextAction : null, capturedAfterCancelAt,
        createdAt, now);
    MoneyFacts facts = facts(invoice, amount, lines);
    DomainEvent event = switch (to) {
      case SUCCEEDED -> new PaymentSucceeded(invoiceId, id, facts, giftCardId, moved.gatewayReference());
      case FAILED -> new PaymentFailed(invoiceId, id, facts, failureReason);
      case CANCELED -> new PaymentCanceled(invoiceId, id, facts);
      case PENDING -> throw new IllegalStateException("Nothing moves to PENDING");
    };
    return Changed.of(moved, event);
  }

  /**
   * The processor took this CANCELED payment's money after all (the payment as the capture left it);
   * {@code refund} sends it all back. The event names both; the invoice never counted the money.
   */
  Changed<Payment> capturedAfterCancel(Refund refund, Invoice invoice, List<LineItem> lines) {
    return Changed.of(this, new PaymentCapturedAfterCancel(invoiceId, id, refund.id(), facts(invoice, amount, lines), gatewayReference));
  }

  /** What an event of this payment (or of a refund of it, of {@code amount}) says about the money and what it paid for. */
  MoneyFacts facts(Invoice invoice, long amount, List<LineItem> lines) {
    return new MoneyFacts(invoice.customerId(), method.name(), amount, invoice.currency(),
        lines.stream().map(l -> l.kind().name()).distinct().toList(), Allocation.byKind(amount, lines));
  }

  /** What can still be refunded. */
  long refundable() {
    return amount - amountRefunded - amountRefundPending;
  }
}
