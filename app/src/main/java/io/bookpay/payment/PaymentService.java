package io.bookpay.payment;

import io.bookpay.giftcard.GiftCard;
import io.bookpay.giftcard.GiftCardService;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.invoice.InvoiceStatus;
import io.bookpay.invoice.LineItem;
import io.bookpay.invoice.LineKind;
import io.bookpay.platform.web.Currencies;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.PaymentFailed;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.money.RefundFailed;
import io.bookpay.events.money.RefundSucceeded;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.idempotency.IdempotencyEffects;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Payments and refunds. Every change takes the invoice's row lock first, then the payment's, then
 * the gift card's, so concurrent payments, refunds and redemptions serialise without deadlocks; the
 * table checks (no over-payment, no over-refund, no negative balance) stand behind each answer.
 * Card charges and card refunds are recorded PENDING, committed, and only then sent to the gateway,
 * so no network call ever holds a lock.
 */
@Service
public class PaymentService {

  private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

  private final PaymentRepository payments;
  private final InvoiceService invoices;
  private final GiftCardService giftCards;
  private final PaymentGateway gateway;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  private final IdempotencyEffects effects;
  private final RefundReversals reversals;
  private final PaymentCancellation cancellation;

  PaymentService(PaymentRepository payments, InvoiceService invoices, GiftCardService giftCards,
      PaymentGateway gateway, Outbox outbox, TransactionalOperator tx, Ids ids, Clock clock, IdempotencyEffects effects,
      RefundReversals reversals, PaymentCancellation cancellation) {
    this.effects = effects;
    this.cancellation = cancellation;
    this.reversals = reversals;
    this.payments = payments;
    this.invoices = invoices;
    this.giftCards = giftCards;
    this.gateway = gateway;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  public Mono<Payment> pay(Caller caller, UUID invoiceId, PaymentMethod method, long amount, String currency, String giftCardCode) {
    if (currency != null) {
      Currencies.check("currency", currency);
    }
    if (method == PaymentMethod.INSURANCE) {
      return Mono.error(Problems.invalid("method", "INSURANCE payments are made by applying an approved claim"));
    }
    return record(caller, invoiceId, method, amount, currency, giftCardCode);
  }

  /** The payment of an approved claim, of method INSURANCE, in the caller's transaction if there is one. */
  public Mono<Payment> payInsurance(Caller caller, UUID invoiceId, long amount, String currency) {
    return record(caller, invoiceId, PaymentMethod.INSURANCE, amount, currency, null);
  }

  private Mono<Payment> record(Caller caller, UUID invoiceId, PaymentMethod method, long amount, String currency, String giftCardCode) {
    if (method == PaymentMethod.CARD && !gateway.configured()) {
      return Mono.error(cardsNotConfigured());
    }
    if ((method == PaymentMethod.GIFT_CARD) != (giftCardCode != null)) {
      return Mono.error(Problems.invalid("giftCardCode", method == PaymentMethod.GIFT_CARD
          ? "is required for a GIFT_CARD payment" : "is only for GIFT_CARD payments"));
    }
    Mono<Payment> recorded = Mono.defer(() -> {
          Instant now = clock.instant();
          return invoices.lock(caller.tenantId(), invoiceId)
              .switchIfEmpty(Mono.error(() -> ApiException.notFound("Invoice " + invoiceId)))
              .flatMap(invoice -> {
                checkPayable(invoice, amount, currency);
                Payment payment = new Payment(ids.next(), caller.tenantId(), invoiceId, method,
                    method == PaymentMethod.CARD ? PaymentStatus.PENDING : PaymentStatus.SUCCEEDED, amount, invoice.currency(), 0, 0,
                    null, null, null, null, now, now);
                return switch (method) {
                  case CARD -> payments.insert(payment, caller.apiKeyId())
                      .flatMap(p -> invoices.addAmounts(invoiceId, 0, amount, 0, now).then(effects.mark()).thenReturn(p));
                  case CASH, EXTERNAL, INSURANCE -> payments.insert(payment, caller.apiKeyId())
                      .flatMap(p -> succeeded(p, 0, now));
                  case GIFT_CARD -> invoices.lines(invoiceId)
                      .flatMap(lines -> lines.stream().anyMatch(l -> l.kind() == LineKind.GIFT_CARD)
                          ? Mono.<GiftCard>error(new ApiException(ProblemType.UNPROCESSABLE, "Invoice " + invoiceId + " sells a gift"
                              + " card; a gift card cannot be paid for with a gift card.", Map.of("code", "gift-card-for-gift-card")))
                          : giftCards.redeem(caller.tenantId(), giftCardCode, amount, invoice.currency(), invoiceId, payment.id(), now))
                      .flatMap(card -> payments.insert(withGiftCard(payment, card.id()), caller.apiKeyId()))
                      .flatMap(p -> succeeded(p, 0, now));
                };
              })
              .as(tx::transactional);
        })
        .retryWhen(Retry.max(2).filter(e -> SqlStates.is(e, SqlStates.DEADLOCK_DETECTED)));
    return recorded.flatMap(p -> p.method() == PaymentMethod.CARD ? charge(p) : Mono.just(p));
  }

  /** Card payments need a processor; a jar without one must refuse them rather than pretend. */
  static ApiException cardsNotConfigured() {
    return new ApiException(ProblemType.UNPROCESSABLE, "Card payments are not configured on this Bookpay: no payment gateway is set."
        + " An operator sets bookpay.payments.gateway (environment BOOKPAY_PAYMENTS_GATEWAY); until then take CASH, EXTERNAL or"
        + " GIFT_CARD payments.", Map.of("code", "card-payments-not-configured"));
  }

  private static void checkPayable(Invoice invoice, long amount, String currency) {
    if (invoice.status() != InvoiceStatus.OPEN) {
      String why = switch (invoice.status()) {
        case DRAFT -> "it is a DRAFT; finalize it first";
        case PAID -> "it is already PAID";
        default -> "it is " + invoice.status();
      };
      throw new ApiException(ProblemType.INVALID_TRANSITION, "Invoice " + invoice.id() + " cannot be paid: " + why + ".",
          Map.of("status", invoice.status().name()));
    }
    Currencies.requireSame(currency, invoice.currency(), "invoice " + invoice.id());
    long payable = invoice.balanceDue() - invoice.amountPending();
    if (amount > payable) {
      throw new ApiException(ProblemType.UNPROCESSABLE,
          "The amount " + amount + " is more than the invoice's balance" + (invoice.amountPending() > 0
              ? " left after pending card payments (" + payable + ")." : " (" + payable + ")."),
          Map.of("code", "amount-exceeds-balance", "balanceDue", invoice.balanceDue(), "amountPending", invoice.amountPending()));
    }
  }

  private static Payment withGiftCard(Payment p, UUID cardId) {
    return new Payment(p.id(), p.tenantId(), p.invoiceId(), p.method(), p.status(), p.amount(), p.currency(), 0, 0, cardId, null, null,
        null, p.createdAt(), p.updatedAt());
  }

  /**
   * A payment that has taken the money: the invoice's paid amount rises (and its pending amount
   * falls by {@code pendingChange}) and, at zero balance, it is PAID. Caller's transaction.
   */
  private Mono<Payment> succeeded(Payment p, long pendingChange, Instant now) {
    return invoices.addAmounts(p.invoiceId(), p.amount(), pendingChange, 0, now)
        .flatMap(invoice -> invoices.lines(invoice.id())
            .flatMap(lines -> outbox.append(p.tenantId(), new PaymentSucceeded(invoice.id(), p.id(),
                moneyFacts(invoice, p.method(), p.amount(), lines), p.giftCardId(), p.gatewayReference())))
            .then(invoice.balanceDue() == 0 ? paidInFull(invoice, now) : Mono.empty()))
        .thenReturn(p);
  }

  /**
   * The invoice is PAID: it delivers what it sold, earlier refunds take their share of that back,
   * and then InvoicePaid is appended. Caller's transaction.
   */
  private Mono<Void> paidInFull(Invoice invoice, Instant now) {
    return invoices.markPaid(invoice, now)
        .flatMap(paid -> reversals.reverseEarlierRefunds(paid.state(), now).then(outbox.append(paid.state().tenantId(), paid.events())));
  }

  /** Sends a recorded PENDING card payment to the gateway; its answer is applied in a second transaction. */
  private Mono<Payment> charge(Payment p) {
    return gateway.charge(p.tenantId(), p.id(), p.amount(), p.currency())
        .flatMap(result -> switch (result.outcome()) {
          case PENDING -> payments.setGatewayReference(p.id(), result.reference(), clock.instant());
          case SUCCEEDED, FAILED -> settleCharge(p.tenantId(), p.id(), result.outcome() == PaymentGateway.Outcome.SUCCEEDED,
              result.reference(), result.failureReason());
        })
        .onErrorResume(e -> {
          // The charge may or may not have reached the processor: it stays PENDING, and the processor's
          // confirmation (or a retry with our id as its idempotency key) settles it.
          log.warn("Gateway call for payment {} failed; it stays PENDING", p.id(), e);
          return Mono.just(p);
        });
  }

  /**
   * Applies the gateway's final answer to a card payment: SUCCEEDED raises the invoice's paid
   * amount (and may make it PAID), FAILED releases the reserved amount. Idempotent.
   */
  public Mono<Payment> settleCharge(UUID tenantId, UUID paymentId, boolean succeeded, String reference, String failureReason) {
    return payments.find(tenantId, paymentId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment " + paymentId)))
        .flatMap(found -> chargeOutcome(found, succeeded, reference, failureReason))
        .map(Settlement::value);
  }

  /**
   * A provider's word on a charge, found by its reference (or, before the reference is stored, by
   * our id in its metadata). Status only moves forward: PENDING → SUCCEEDED | FAILED, and FAILED →
   * SUCCEEDED (a later attempt of the same intent went through); anything else is stale, reported,
   * not applied. {@link NotYetKnown} when no such payment exists yet.
   */
  public Mono<Settlement<Payment>> applyChargeOutcome(UUID tenantId, String reference, UUID paymentIdHint, boolean succeeded,
      String failureReason) {
    return payments.findByGatewayReference(tenantId, reference)
        .switchIfEmpty(Mono.defer(() -> paymentIdHint == null ? Mono.empty() : payments.find(tenantId, paymentIdHint)))
        .switchIfEmpty(Mono.error(() -> new NotYetKnown("No payment has the reference " + reference + " (yet).")))
        .flatMap(found -> chargeOutcome(found, succeeded, reference, failureReason));
  }

  private Mono<Settlement<Payment>> chargeOutcome(Payment found, boolean succeeded, String reference, String failureReason) {
    UUID tenantId = found.tenantId();
    return Mono.defer(() -> {
          Instant now = clock.instant();
          return invoices.lock(tenantId, found.invoiceId())
              .flatMap(invoice -> payments.lock(found.id()))
              .flatMap(current -> {
                PaymentStatus from = current.status();
                if (from == PaymentStatus.PENDING && succeeded) {
                  return payments.move(current.id(), from, PaymentStatus.SUCCEEDED, reference, null, now)
                      .flatMap(p -> succeeded(p, -p.amount(), now))
                      .map(p -> new Settlement<>(p, true, "payment " + p.id() + " SUCCEEDED"));
                }
                if (from == PaymentStatus.PENDING) {
                  return payments.move(current.id(), from, PaymentStatus.FAILED, reference, failureReason, now)
                      .flatMap(p -> invoices.addAmounts(p.invoiceId(), 0, -p.amount(), 0, now)
                          .flatMap(invoice -> invoices.lines(invoice.id())
                              .flatMap(lines -> outbox.append(tenantId, new PaymentFailed(invoice.id(), p.id(),
                                  moneyFacts(invoice, p.method(), p.amount(), lines), failureReason))))
                          .thenReturn(new Settlement<>(p, true, "payment " + p.id() + " FAILED")));
                }
                if (from == PaymentStatus.CANCELED && succeeded) {
                  return cancellation.capturedAfterCancel(current, reference, now, this::sendRefund);
                }
                if (from == PaymentStatus.FAILED && succeeded) {
                  return payments.move(current.id(), from, PaymentStatus.SUCCEEDED, reference, null, now)
                      .flatMap(p -> succeeded(p, 0, now))
                      .map(p -> new Settlement<>(p, true, "payment " + p.id() + " SUCCEEDED after a failed attempt"));
                }
                return Mono.just(new Settlement<>(current, false, "stale: payment " + current.id() + " is already " + from
                    + "; " + (succeeded ? "success" : "failure") + " not applied"));
              })
              .as(tx::transactional);
        })
        .retryWhen(Retry.max(2).filter(e -> SqlStates.is(e, SqlStates.DEADLOCK_DETECTED)));
  }

  /** PENDING → CANCELED, releasing the reserved amount; see {@link PaymentCancellation}. */
  public Mono<Payment> cancel(Caller caller, UUID paymentId) {
    return cancellation.cancel(caller, paymentId);
  }

  public Mono<Refund> refund(Caller caller, UUID paymentId, long amount, String currency, String reason) {
    if (currency != null) {
      Currencies.check("currency", currency);
    }
    Mono<Refund> recorded = Mono.defer(() -> {
          Instant now = clock.instant();
          return payments.find(caller.tenantId(), paymentId)
              .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment " + paymentId)))
              .flatMap(found -> invoices.lock(caller.tenantId(), found.invoiceId())
                  .flatMap(invoice -> payments.lock(paymentId)
                      .flatMap(payment -> {
                        checkRefundable(payment, amount, currency);
                        boolean card = payment.method() == PaymentMethod.CARD;
                        if (card && !gateway.configured()) {
                          return Mono.error(cardsNotConfigured());
                        }
                        Refund refund = new Refund(ids.next(), caller.tenantId(), paymentId, invoice.id(),
                            card ? PaymentStatus.PENDING : PaymentStatus.SUCCEEDED, amount, payment.currency(), reason, null, null,
                            0, now, now);
                        if (card) {
                          // A PENDING card refund already holds what it takes back; a failure gives it back.
                          return payments.insertRefund(refund, caller.apiKeyId())
                              .flatMap(r -> reversals.reverse(invoice, r, true, now)
                                  .then(payments.addRefunded(paymentId, 0, amount, now)).then(effects.mark()).thenReturn(r));
                        }
                        Mono<Void> toCard = payment.method() == PaymentMethod.GIFT_CARD
                            ? giftCards.refundTo(payment.giftCardId(), amount, paymentId, refund.id(), now) : Mono.empty();
                        return payments.insertRefund(refund, caller.apiKeyId())
                            .flatMap(r -> reversals.reverse(invoice, r, true, now).then(toCard).then(refunded(invoice, payment, r, false, now)));
                      })))
              .as(tx::transactional);
        })
        .retryWhen(Retry.max(2).filter(e -> SqlStates.is(e, SqlStates.DEADLOCK_DETECTED)));
    return recorded.flatMap(r -> r.status() == PaymentStatus.PENDING ? sendRefund(r) : Mono.just(r));
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

  /** A refund that has given the money back: the payment's and invoice's refunded amounts rise. Caller's transaction. */
  private Mono<Refund> refunded(Invoice invoice, Payment payment, Refund r, boolean wasPending, Instant now) {
    return payments.addRefunded(payment.id(), r.amount(), wasPending ? -r.amount() : 0, now)
        .then(invoices.addAmounts(invoice.id(), 0, 0, r.amount(), now))
        .then(invoices.lines(invoice.id()))
        .flatMap(lines -> outbox.append(r.tenantId(), new RefundSucceeded(invoice.id(), r.id(), payment.id(),
            moneyFacts(invoice, payment.method(), r.amount(), lines), r.reason())))
        .thenReturn(r);
  }

  private Mono<Refund> sendRefund(Refund r) {
    return payments.find(r.tenantId(), r.paymentId())
        .flatMap(payment -> gateway.refund(r.tenantId(), r.id(), payment.gatewayReference(), r.amount(), r.currency()))
        .flatMap(result -> switch (result.outcome()) {
          case PENDING -> payments.setRefundGatewayReference(r.id(), result.reference(), clock.instant());
          case SUCCEEDED, FAILED -> settleRefund(r.tenantId(), r.id(), result.outcome() == PaymentGateway.Outcome.SUCCEEDED,
              result.reference(), result.failureReason());
        })
        .onErrorResume(e -> {
          log.warn("Gateway call for refund {} failed; it stays PENDING", r.id(), e);
          return Mono.just(r);
        });
  }

  /** Applies the gateway's final answer to a card refund. Idempotent like {@link #settleCharge}. */
  public Mono<Refund> settleRefund(UUID tenantId, UUID refundId, boolean succeeded, String reference, String failureReason) {
    return payments.findRefund(tenantId, refundId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Refund " + refundId)))
        .flatMap(found -> refundOutcome(found, succeeded, reference, failureReason))
        .map(Settlement::value);
  }

  /**
   * A provider's word on a refund, found by its reference or our id in its metadata. A refund Bookpay
   * never asked for (made in the provider's dashboard) is recorded when its payment is known and
   * SUCCEEDED; until then, and while one of our own refunds of that payment awaits its reference,
   * it is {@link NotYetKnown}. Status moves as for charges: PENDING → SUCCEEDED | FAILED, FAILED → SUCCEEDED.
   */
  public Mono<Settlement<Refund>> applyRefundOutcome(UUID tenantId, String reference, UUID refundIdHint, String paymentReference,
      long amount, String currency, boolean succeeded, String failureReason) {
    return payments.findRefundByGatewayReference(tenantId, reference)
        .switchIfEmpty(Mono.defer(() -> refundIdHint == null ? Mono.empty() : payments.findRefund(tenantId, refundIdHint)))
        .flatMap(found -> refundOutcome(found, succeeded, reference, failureReason))
        .switchIfEmpty(Mono.defer(() -> providerRefund(tenantId, reference, paymentReference, amount, currency, succeeded)));
  }

  private Mono<Settlement<Refund>> refundOutcome(Refund found, boolean succeeded, String reference, String failureReason) {
    UUID tenantId = found.tenantId();
    return Mono.defer(() -> {
          Instant now = clock.instant();
          return invoices.lock(tenantId, found.invoiceId())
              .flatMap(invoice -> payments.lock(found.paymentId())
                  .flatMap(payment -> payments.findRefund(tenantId, found.id())
                      .flatMap(current -> {
                        PaymentStatus from = current.status();
                        if (payment.status() == PaymentStatus.CANCELED) {
                          return cancellation.refundOutcome(payment, current, succeeded, reference, failureReason, now);
                        }
                        if (succeeded && (from == PaymentStatus.PENDING || from == PaymentStatus.FAILED)) {
                          // A FAILED refund gave back what it had taken; succeeding after all, it takes it again, unrefusably.
                          return payments.moveRefund(current.id(), from, PaymentStatus.SUCCEEDED, reference, null, now)
                              .flatMap(r -> (from == PaymentStatus.FAILED
                                      ? reversals.reverse(invoice, r, false, now).flatMap(shortfall -> reversals.recordShortfall(r, shortfall))
                                      : Mono.just(0L))
                                  .then(refunded(invoice, payment, r, from == PaymentStatus.PENDING, now)))
                              .map(r -> new Settlement<>(r, true, "refund " + r.id() + " SUCCEEDED"));
                        }
                        if (!succeeded && from == PaymentStatus.PENDING) {
                          return payments.moveRefund(current.id(), from, PaymentStatus.FAILED, reference, failureReason, now)
                              .flatMap(r -> payments.addRefunded(payment.id(), 0, -r.amount(), now)
                                  .then(reversals.restore(invoice, r, now))
                                  .then(invoices.lines(invoice.id()))
                                  .flatMap(lines -> outbox.append(tenantId, new RefundFailed(invoice.id(), r.id(), payment.id(),
                                      moneyFacts(invoice, payment.method(), r.amount(), lines), failureReason)))
                                  .thenReturn(new Settlement<>(r, true, "refund " + r.id() + " FAILED")));
                        }
                        return Mono.just(new Settlement<>(current, false, "stale: refund " + current.id() + " is already " + from
                            + "; " + (succeeded ? "success" : "failure") + " not applied"));
                      })))
              .as(tx::transactional);
        })
        .retryWhen(Retry.max(2).filter(e -> SqlStates.is(e, SqlStates.DEADLOCK_DETECTED)));
  }

  private Mono<Settlement<Refund>> providerRefund(UUID tenantId, String reference, String paymentReference, long amount,
      String currency, boolean succeeded) {
    return payments.findByGatewayReference(tenantId, paymentReference == null ? "" : paymentReference)
        .switchIfEmpty(Mono.error(() -> new NotYetKnown("Neither refund " + reference + " nor its payment " + paymentReference
            + " is known (yet).")))
        .flatMap(found -> Mono.defer(() -> {
          Instant now = clock.instant();
          return invoices.lock(tenantId, found.invoiceId())
              .flatMap(invoice -> payments.lock(found.id())
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
                      if (currency != null && !currency.equalsIgnoreCase(payment.currency())) {
                        return Mono.error(new IllegalStateException("Refund " + reference + " is in " + currency + ", its payment in "
                            + payment.currency() + "."));
                      }
                      if (amount <= 0 || amount > payment.refundable()) {
                        return Mono.error(new IllegalStateException("Refund " + reference + " of " + amount
                            + " does not fit what is left to refund on payment " + payment.id() + " (" + payment.refundable() + ")."));
                      }
                      Refund refund = new Refund(ids.next(), tenantId, payment.id(), invoice.id(), PaymentStatus.SUCCEEDED, amount,
                          payment.currency(), "refunded at the payment provider", reference, null, 0, now, now);
                      // The money is gone already: take back what can be, and record the rest for a person.
                      return payments.insertProviderRefund(refund)
                          .flatMap(r -> reversals.reverse(invoice, r, false, now)
                              .flatMap(shortfall -> reversals.recordShortfall(r, shortfall))
                              .then(refunded(invoice, payment, r, false, now)))
                          .map(r -> new Settlement<>(r, true, "refund " + r.id() + " (made at the provider) SUCCEEDED"));
                    });
                  }))
              .as(tx::transactional);
        }));
  }

  public Mono<Payment> get(Caller caller, UUID id) {
    return payments.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment " + id)));
  }

  public Flux<Payment> forInvoice(Caller caller, UUID invoiceId) {
    return invoices.get(caller, invoiceId).thenMany(payments.forInvoice(invoiceId));
  }

  public Flux<Refund> refundsOf(Caller caller, UUID paymentId) {
    return get(caller, paymentId).thenMany(payments.refundsOf(paymentId));
  }

  public Mono<Refund> getRefund(Caller caller, UUID id) {
    return payments.findRefund(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Refund " + id)));
  }

  static MoneyFacts moneyFacts(Invoice invoice, PaymentMethod method, long amount, List<LineItem> lines) {
    return new MoneyFacts(invoice.customerId(), method.name(), amount, invoice.currency(),
        lines.stream().map(l -> l.kind().name()).distinct().toList());
  }
}
