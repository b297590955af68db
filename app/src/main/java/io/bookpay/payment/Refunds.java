package io.bookpay.payment;

import io.bookpay.giftcard.GiftCardService;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.outbox.Changed;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.idempotency.IdempotencyEffects;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Currencies;
import io.bookpay.platform.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Refunds, for {@link PaymentService}: money given back on a SUCCEEDED payment, to the card through
 * the gateway (PENDING until the processor answers) or at once (cash, external, gift card). Each
 * takes back its share of what the invoice delivered ({@link RefundReversals}) in its own transaction.
 */
@Component
class Refunds {

  private final PaymentRepository payments;
  private final InvoiceService invoices;
  private final GiftCardService giftCards;
  private final PaymentGateway gateway;
  private final RefundReversals reversals;
  private final PaymentCancellation cancellation;
  private final UnderInvoiceLock underLock;
  private final Outbox outbox;
  private final Ids ids;
  private final Clock clock;
  private final IdempotencyEffects effects;
  private final GatewayChecks checks;
  private final PaymentsProperties properties;

  Refunds(PaymentRepository payments, InvoiceService invoices, GiftCardService giftCards, PaymentGateway gateway,
      RefundReversals reversals, PaymentCancellation cancellation, UnderInvoiceLock underLock, Outbox outbox, Ids ids, Clock clock,
      IdempotencyEffects effects, GatewayChecks checks, PaymentsProperties properties) {
    this.checks = checks;
    this.properties = properties;
    this.payments = payments;
    this.invoices = invoices;
    this.giftCards = giftCards;
    this.gateway = gateway;
    this.reversals = reversals;
    this.cancellation = cancellation;
    this.underLock = underLock;
    this.outbox = outbox;
    this.ids = ids;
    this.clock = clock;
    this.effects = effects;
  }

  Mono<Refund> refund(Caller caller, UUID paymentId, long amount, String currency, String reason) {
    if (currency != null) {
      Currencies.check("currency", currency);
    }
    return payments.find(caller.tenantId(), paymentId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment " + paymentId)))
        .flatMap(found -> readyFor(found).then(underLock.run(caller.tenantId(), found.invoiceId(), (invoice, now) -> payments.lock(paymentId)
            .flatMap(payment -> record(caller, invoice, payment, amount, currency, reason, now)))))
        .flatMap(r -> r.status() == PaymentStatus.PENDING ? send(r) : Mono.just(r));
  }

  /** A card refund needs a tenant the gateway can act for (e.g. one still connected to Stripe). */
  private Mono<Void> readyFor(Payment payment) {
    if (payment.method() != PaymentMethod.CARD || !gateway.configured()) {
      return Mono.empty(); // without a gateway, record() refuses with the general answer
    }
    return gateway.readyFor(payment.tenantId())
        .flatMap(ready -> ready ? Mono.<Void>empty() : Mono.error(PaymentService.cardsNotConnected()));
  }

  private Mono<Refund> record(Caller caller, Invoice invoice, Payment payment, long amount, String currency, String reason,
      Instant now) {
    checkRefundable(payment, amount, currency);
    boolean card = payment.method() == PaymentMethod.CARD;
    if (card && !gateway.configured()) {
      return Mono.error(PaymentService.cardsNotConfigured());
    }
    Refund refund = new Refund(ids.next(), caller.tenantId(), payment.id(), invoice.id(),
        card ? PaymentStatus.PENDING : PaymentStatus.SUCCEEDED, amount, payment.currency(), reason, null, null, 0, now, now);
    if (card) {
      // A PENDING card refund already holds what it takes back; a failure gives it back.
      return payments.insertRefund(refund, caller.apiKeyId())
          .flatMap(r -> reversals.reverse(invoice, r, true, now)
              .then(payments.addRefunded(payment.id(), 0, amount, now))
              .then(checkLater(r, now)).then(effects.mark()).thenReturn(r));
    }
    Mono<Void> toCard = payment.method() == PaymentMethod.GIFT_CARD
        ? giftCards.refundTo(caller.tenantId(), payment.giftCardId(), amount, payment.currency(), invoice.id(), payment.id(),
        refund.id(), now) : Mono.empty();
    return invoices.lines(invoice.id())
        .flatMap(lines -> payments.insertRefund(refund, caller.apiKeyId())
            .flatMap(r -> reversals.reverse(invoice, r, true, now).then(toCard)
                .then(refunded(invoice, payment, r.recorded(payment, invoice, lines), false, now))));
  }

  private static void checkRefundable(Payment payment, long amount, String currency) {
    if (payment.status() != PaymentStatus.SUCCEEDED) {
      throw new ApiException(ProblemType.INVALID_TRANSITION, payment.status() == PaymentStatus.PENDING
          ? "Payment " + payment.id() + " is still PENDING; refund it once it has succeeded (or cancel it)."
          : "Payment " + payment.id() + " is " + payment.status() + "; nothing was taken to refund.", Map.of("status", payment.status().name()));
    }
    Currencies.requireSame(currency, payment.currency(), "payment " + payment.id());
    if (amount > payment.refundable()) {
      throw new ApiException(ProblemType.UNPROCESSABLE,
          "The amount " + amount + " is more than what is left to refund on payment " + payment.id() + " (" + payment.refundable() + ").",
          Map.of("code", "amount-exceeds-refundable", "refundable", payment.refundable()));
    }
  }

  /**
   * A refund that has given the money back: the payment's and invoice's refunded amounts rise, and
   * its RefundSucceeded is appended. Caller's transaction.
   */
  private Mono<Refund> refunded(Invoice invoice, Payment payment, Changed<Refund> given, boolean wasPending, Instant now) {
    Refund r = given.state();
    return payments.addRefunded(payment.id(), r.amount(), wasPending ? -r.amount() : 0, now)
        .then(invoices.addAmounts(invoice.id(), 0, 0, r.amount(), now))
        .then(outbox.append(r.tenantId(), given.events()))
        .thenReturn(r);
  }

  /** A PENDING card refund is looked up by the {@link GatewayReconciler} if its gateway call never answers. Caller's transaction. */
  Mono<Void> checkLater(Refund r, Instant now) {
    return checks.forRefund(ids.next(), r.tenantId(), r.id(), now.plus(properties.reconciler().after()), now);
  }

  /** Sends a recorded PENDING card refund to the gateway; see {@link GatewayAnswers#send}. */
  Mono<Refund> send(Refund r) {
    return GatewayAnswers.send("refund", r.id(), r,
        payments.find(r.tenantId(), r.paymentId())
            .flatMap(payment -> gateway.refund(r.tenantId(), r.id(), payment.gatewayReference(), r.amount(), r.currency())),
        result -> kept(r, result), result -> applied(r, result));
  }

  /** Asks the gateway again about a PENDING card refund whose first call never answered; a failed look-up fails. */
  Mono<Refund> reconcile(Refund r) {
    return GatewayAnswers.answer(payments.find(r.tenantId(), r.paymentId())
            .flatMap(payment -> gateway.lookUpRefund(r.tenantId(), r.id(), payment.gatewayReference(), r.amount(), r.currency())),
        result -> kept(r, result), result -> applied(r, result));
  }

  private Mono<Refund> kept(Refund r, PaymentGateway.Result result) {
    return payments.setRefundGatewayReference(r.id(), result.reference(), clock.instant());
  }

  private Mono<Refund> applied(Refund r, PaymentGateway.Result result) {
    return settle(r.tenantId(), r.id(), result.outcome() == PaymentGateway.Outcome.SUCCEEDED, result.reference(), result.failureReason());
  }

  /** Applies the gateway's final answer to a card refund. Idempotent. */
  Mono<Refund> settle(UUID tenantId, UUID refundId, boolean succeeded, String reference, String failureReason) {
    return payments.findRefund(tenantId, refundId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Refund " + refundId)))
        .flatMap(found -> outcome(found, succeeded, reference, failureReason))
        .map(Settlement::value);
  }

  /** See {@link PaymentService#applyRefundOutcome}. */
  Mono<Settlement<Refund>> applyOutcome(UUID tenantId, String reference, UUID refundIdHint, String paymentReference, long amount,
      String currency, boolean succeeded, String failureReason) {
    return GatewayAnswers.byReferenceOrId(payments.findRefundByGatewayReference(tenantId, reference), refundIdHint,
            id -> payments.findRefund(tenantId, id))
        .flatMap(found -> outcome(found, succeeded, reference, failureReason))
        .switchIfEmpty(Mono.defer(() -> providerRefund(tenantId, reference, paymentReference, amount, currency, succeeded)));
  }

  /** Settles a refund as {@link GatewayAnswers#settle} allows; the refund of a capture after a cancel only moves its payment. */
  private Mono<Settlement<Refund>> outcome(Refund found, boolean succeeded, String reference, String failureReason) {
    return underLock.run(found.tenantId(), found.invoiceId(), (invoice, now) -> payments.lock(found.paymentId())
        .flatMap(payment -> payments.findRefund(found.tenantId(), found.id())
            .flatMap(current -> {
              PaymentStatus from = current.status();
              boolean counted = payment.status() != PaymentStatus.CANCELED;
              return GatewayAnswers.settle(current, "refund " + current.id(), from, succeeded, to -> invoices.lines(invoice.id())
                  .flatMap(lines -> {
                    Changed<Refund> moved = current.moveTo(to, reference, failureReason, payment, invoice, lines, now);
                    return payments.moveRefund(current, moved.state())
                        .map(stored -> new Changed<>(stored, moved.events()))
                        .flatMap(change -> !counted ? cancellation.refundSettled(payment, change, from, now)
                            : succeeded ? succeeded(invoice, payment, change, from, now) : failed(invoice, payment, change, now));
                  })
                  .map(r -> new Settlement<>(r, true, "refund " + r.id() + (counted ? "" : " of a capture after cancel") + " " + to)));
            })));
  }

  /** A FAILED refund gave back what it had taken; succeeding after all, it takes it again, unrefusably. */
  private Mono<Refund> succeeded(Invoice invoice, Payment payment, Changed<Refund> given, PaymentStatus from, Instant now) {
    Refund r = given.state();
    Mono<Long> takenAgain = from == PaymentStatus.FAILED
        ? reversals.reverse(invoice, r, false, now).flatMap(shortfall -> reversals.recordShortfall(r, shortfall))
        : Mono.just(0L);
    return takenAgain.then(refunded(invoice, payment, given, from == PaymentStatus.PENDING, now));
  }

  /**
   * A card refund the processor refused: the payment's reserved refund is released, what it took back
   * is given back, and its RefundFailed is appended.
   */
  private Mono<Refund> failed(Invoice invoice, Payment payment, Changed<Refund> refused, Instant now) {
    Refund r = refused.state();
    return payments.addRefunded(payment.id(), 0, -r.amount(), now)
        .then(reversals.restore(invoice, r, now))
        .then(outbox.append(r.tenantId(), refused.events()))
        .thenReturn(r);
  }

  /**
   * A refund made in the provider's dashboard, which Bookpay never asked for: recorded once its
   * payment is known and SUCCEEDED and none of our own refunds of it awaits its reference.
   */
  private Mono<Settlement<Refund>> providerRefund(UUID tenantId, String reference, String paymentReference, long amount,
      String currency, boolean succeeded) {
    return payments.findByGatewayReference(tenantId, paymentReference == null ? "" : paymentReference)
        .switchIfEmpty(Mono.error(() -> new NotYetKnown("Neither refund " + reference + " nor its payment " + paymentReference
            + " is known (yet).")))
        .flatMap(found -> underLock.run(tenantId, found.invoiceId(), (invoice, now) -> payments.lock(found.id())
            .flatMap(payment -> {
              if (payment.status() != PaymentStatus.SUCCEEDED) {
                return Mono.error(new NotYetKnown("Refund " + reference + " is for payment " + payment.id() + ", which is "
                    + payment.status() + "; it is applied once the payment has succeeded."));
              }
              return payments.unreferencedPendingRefunds(payment.id()).flatMap(waiting -> {
                if (waiting > 0) {
                  return Mono.error(new NotYetKnown("A refund of payment " + payment.id() + " is on its way to the gateway;"
                      + " refund " + reference + " is matched once it has its reference."));
                }
                if (!succeeded) {
                  return Mono.just(new Settlement<Refund>(null, false,
                      "stale: refund " + reference + " failed at the provider and was never applied here"));
                }
                return recordProviderRefund(invoice, payment, reference, amount, currency, now);
              });
            })));
  }

  private Mono<Settlement<Refund>> recordProviderRefund(Invoice invoice, Payment payment, String reference, long amount,
      String currency, Instant now) {
    if (currency != null && !currency.equalsIgnoreCase(payment.currency())) {
      return Mono.error(new IllegalStateException("Refund " + reference + " is in " + currency + ", its payment in "
          + payment.currency() + "."));
    }
    if (amount <= 0 || amount > payment.refundable()) {
      return Mono.error(new IllegalStateException("Refund " + reference + " of " + amount
          + " does not fit what is left to refund on payment " + payment.id() + " (" + payment.refundable() + ")."));
    }
    Refund refund = new Refund(ids.next(), payment.tenantId(), payment.id(), invoice.id(), PaymentStatus.SUCCEEDED, amount,
        payment.currency(), "refunded at the payment provider", reference, null, 0, now, now);
    // The money is gone already: take back what can be, and record the rest for a person.
    return invoices.lines(invoice.id())
        .flatMap(lines -> payments.insertProviderRefund(refund)
            .flatMap(r -> reversals.reverse(invoice, r, false, now)
                .flatMap(shortfall -> reversals.recordShortfall(r, shortfall))
                .then(refunded(invoice, payment, r.recorded(payment, invoice, lines), false, now))))
        .map(r -> new Settlement<>(r, true, "refund " + r.id() + " (made at the provider) SUCCEEDED"));
  }
}
