package io.bookpay.payment;

import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.outbox.Changed;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Canceling PENDING card payments, and what happens when the processor takes the money of a canceled
 * one anyway: it is recorded and refunded in full, and never counted on the invoice. Locks as
 * {@link PaymentService} does: the invoice, then the payment.
 */
@Component
class PaymentCancellation {

  private static final Logger log = LoggerFactory.getLogger(PaymentCancellation.class);

  private final PaymentRepository payments;
  private final InvoiceService invoices;
  private final PaymentGateway gateway;
  private final Outbox outbox;
  private final UnderInvoiceLock underLock;
  private final Ids ids;

  PaymentCancellation(PaymentRepository payments, InvoiceService invoices, PaymentGateway gateway, Outbox outbox,
      UnderInvoiceLock underLock, Ids ids) {
    this.payments = payments;
    this.invoices = invoices;
    this.gateway = gateway;
    this.outbox = outbox;
    this.underLock = underLock;
    this.ids = ids;
  }

  /**
   * PENDING → CANCELED for a card payment the processor has not confirmed (e.g. its webhooks were
   * never set up): the reserved amount is released at once. The processor is asked to drop the
   * charge after the commit; if it took the money anyway, {@link #capturedAfterCancel} refunds it.
   */
  Mono<Payment> cancel(Caller caller, UUID paymentId) {
    Mono<Payment> canceled = payments.find(caller.tenantId(), paymentId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment " + paymentId)))
        .flatMap(found -> underLock.run(caller.tenantId(), found.invoiceId(), (invoice, now) -> payments.lock(paymentId)
            .flatMap(current -> !current.status().canMoveTo(PaymentStatus.CANCELED)
                ? Mono.error(new ApiException(ProblemType.INVALID_TRANSITION, "Payment " + paymentId + " is " + current.status()
                    + "; only a PENDING card payment can be canceled.", Map.of("status", current.status().name(), "allowed",
                    List.of())))
                : invoices.lines(invoice.id()).flatMap(lines -> {
                  Changed<Payment> calledOff = current.moveTo(PaymentStatus.CANCELED, null, null, invoice, lines, now);
                  return payments.move(current, calledOff.state())
                      .flatMap(p -> invoices.addAmounts(invoice.id(), 0, -p.amount(), 0, now)
                          .then(outbox.append(p.tenantId(), calledOff.events()))
                          .thenReturn(p));
                }))));
    return canceled.flatMap(p -> gateway.cancel(p.tenantId(), p.id(), p.gatewayReference())
        .onErrorResume(e -> {
          log.warn("Gateway cancel of payment {} failed; a later success is refunded when it arrives", p.id(), e);
          return Mono.empty();
        })
        .thenReturn(p));
  }

  /**
   * The processor took the money of a payment canceled here. The invoice never counted it (the client
   * may have paid otherwise since), so it stays untouched: the capture is recorded on the payment,
   * announced by PaymentCapturedAfterCancel, and the whole amount goes back through the gateway as a
   * refund, sent once this transaction commits.
   */
  Mono<Settlement<Payment>> capturedAfterCancel(Invoice invoice, Payment current, String reference, Instant now,
      Function<Refund, Mono<Refund>> send, Function<Refund, Mono<Void>> checkLater) {
    return payments.markCapturedAfterCancel(current.id(), reference, now)
        .flatMap(p -> {
          Refund refund = new Refund(ids.next(), p.tenantId(), p.id(), p.invoiceId(), PaymentStatus.PENDING, p.amount(), p.currency(),
              "captured after the payment was canceled", null, null, 0, now, now);
          return payments.insertRefund(refund, null)
              .flatMap(r -> payments.addRefunded(p.id(), 0, r.amount(), now).then(checkLater.apply(r)).thenReturn(r))
              .flatMap(r -> invoices.lines(invoice.id())
                  .flatMap(lines -> outbox.append(p.tenantId(), p.capturedAfterCancel(r, invoice, lines).events()))
                  .thenReturn(r))
              .flatMap(r -> AfterCommit.run(() -> send.apply(r).subscribe()).thenReturn(new Settlement<>(p, true,
                  "payment " + p.id() + " was CANCELED but the processor took it; refund " + r.id() + " sends it back")));
        })
        .switchIfEmpty(Mono.fromSupplier(() -> new Settlement<>(current, false,
            "stale: payment " + current.id() + " was CANCELED and its late capture is already being refunded")));
  }

  /**
   * The refund of money taken after a cancel has settled ({@code moved} to its status from {@code from}):
   * only the payment's own amounts move, since the invoice never counted the money, and its
   * CapturedAfterCancelRefunded or ...RefundFailed is appended. A failure is logged loudly: the
   * client's money is still at the processor and a person must send it back.
   */
  Mono<Refund> refundSettled(Payment payment, Changed<Refund> moved, PaymentStatus from, Instant now) {
    Refund r = moved.state();
    Mono<Void> announced = outbox.append(r.tenantId(), moved.events());
    if (r.status() == PaymentStatus.SUCCEEDED) {
      return payments.addRefunded(payment.id(), r.amount(), from == PaymentStatus.PENDING ? -r.amount() : 0, now)
          .then(announced).thenReturn(r);
    }
    log.error("Refund {} of payment {}, captured after it was canceled, FAILED ({}); the client's money must be returned by hand",
        r.id(), payment.id(), r.failureReason());
    return payments.addRefunded(payment.id(), 0, -r.amount(), now).then(announced).thenReturn(r);
  }
}
