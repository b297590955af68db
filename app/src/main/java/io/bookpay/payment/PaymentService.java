package io.bookpay.payment;

import io.bookpay.giftcard.GiftCard;
import io.bookpay.giftcard.GiftCardService;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.invoice.InvoiceStatus;
import io.bookpay.invoice.LineKind;
import io.bookpay.outbox.Changed;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.idempotency.IdempotencyEffects;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Currencies;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Payments and refunds (these in {@link Refunds}, cancels in {@link PaymentCancellation}). Every
 * change runs {@link UnderInvoiceLock}: the invoice's row lock first, then the payment's, then the
 * gift card's, so concurrent payments, refunds and redemptions serialise without deadlocks; the
 * table checks (no over-payment, no over-refund, no negative balance) stand behind each answer.
 * Card charges and card refunds are recorded PENDING, committed, and only then sent to the gateway
 * ({@link GatewayAnswers}), so no network call ever holds a lock.
 */
@Service
public class PaymentService {

  private final PaymentRepository payments;
  private final InvoiceService invoices;
  private final GiftCardService giftCards;
  private final PaymentGateway gateway;
  private final Outbox outbox;
  private final Ids ids;
  private final Clock clock;
  private final IdempotencyEffects effects;
  private final RefundReversals reversals;
  private final PaymentCancellation cancellation;
  private final Refunds refunds;
  private final UnderInvoiceLock underLock;
  private final GatewayChecks checks;
  private final Disputes disputes;
  private final PaymentsProperties properties;

  PaymentService(PaymentRepository payments, InvoiceService invoices, GiftCardService giftCards, PaymentGateway gateway, Outbox outbox,
      Ids ids, Clock clock, IdempotencyEffects effects, RefundReversals reversals, PaymentCancellation cancellation, Refunds refunds,
      UnderInvoiceLock underLock, GatewayChecks checks, PaymentsProperties properties, Disputes disputes) {
    this.disputes = disputes;
    this.checks = checks;
    this.properties = properties;
    this.payments = payments;
    this.invoices = invoices;
    this.giftCards = giftCards;
    this.gateway = gateway;
    this.outbox = outbox;
    this.ids = ids;
    this.clock = clock;
    this.effects = effects;
    this.reversals = reversals;
    this.cancellation = cancellation;
    this.refunds = refunds;
    this.underLock = underLock;
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
    Mono<Void> ready = method == PaymentMethod.CARD ? requireCardsFor(caller.tenantId()) : Mono.empty();
    return ready.then(Mono.defer(() -> recordUnderLock(caller, invoiceId, method, amount, currency, giftCardCode)));
  }

  /** 422 card-payments-not-configured unless this tenant can take cards through the gateway (e.g. has connected Stripe). */
  Mono<Void> requireCardsFor(UUID tenantId) {
    return gateway.readyFor(tenantId).flatMap(ready -> ready ? Mono.<Void>empty() : Mono.error(cardsNotConnected()));
  }

  private Mono<Payment> recordUnderLock(Caller caller, UUID invoiceId, PaymentMethod method, long amount, String currency,
      String giftCardCode) {
    return underLock.run(caller.tenantId(), invoiceId, (invoice, now) -> {
          checkPayable(invoice, amount, currency);
          Payment payment = new Payment(ids.next(), caller.tenantId(), invoiceId, method,
              method == PaymentMethod.CARD ? PaymentStatus.PENDING : PaymentStatus.SUCCEEDED, amount, invoice.currency(), 0, 0,
              null, null, null, null, null, null, now, now);
          return switch (method) {
            case CARD -> payments.insert(payment, caller.apiKeyId())
                .flatMap(p -> invoices.addAmounts(invoiceId, 0, amount, 0, now)
                    .then(checks.forPayment(ids.next(), p.tenantId(), p.id(), now.plus(properties.reconciler().after()), now))
                    .then(effects.mark()).thenReturn(p));
            case CASH, EXTERNAL, INSURANCE -> invoices.lines(invoiceId)
                .flatMap(lines -> payments.insert(payment, caller.apiKeyId())
                    .flatMap(p -> succeeded(p.recorded(invoice, lines), 0, now)));
            case GIFT_CARD -> invoices.lines(invoiceId)
                .flatMap(lines -> (lines.stream().anyMatch(l -> l.kind() == LineKind.GIFT_CARD)
                    ? Mono.<GiftCard>error(new ApiException(ProblemType.UNPROCESSABLE, "Invoice " + invoiceId + " sells a gift"
                        + " card; a gift card cannot be paid for with a gift card.", Map.of("code", "gift-card-for-gift-card")))
                    : giftCards.redeem(caller.tenantId(), giftCardCode, amount, invoice.currency(), invoiceId, payment.id(), now))
                    .flatMap(card -> payments.insert(withGiftCard(payment, card.id()), caller.apiKeyId()))
                    .flatMap(p -> succeeded(p.recorded(invoice, lines), 0, now)));
          };
        })
        .flatMap(p -> p.method() == PaymentMethod.CARD ? charge(p) : Mono.just(p));
  }

  /** Card payments need a processor; a jar without one must refuse them rather than pretend. */
  static ApiException cardsNotConfigured() {
    return new ApiException(ProblemType.UNPROCESSABLE, "Card payments are not configured on this Bookpay: no payment gateway is set."
        + " An operator sets bookpay.payments.gateway (environment BOOKPAY_PAYMENTS_GATEWAY); until then take CASH, EXTERNAL or"
        + " GIFT_CARD payments.", Map.of("code", "card-payments-not-configured"));
  }

  /** The gateway is set, but this tenant has not connected its account to it. */
  static ApiException cardsNotConnected() {
    return new ApiException(ProblemType.UNPROCESSABLE, "Card payments are not configured for this business: it has not connected"
        + " its Stripe account. Connect it with PUT /v1/payment-settings/stripe; until then take CASH, EXTERNAL or GIFT_CARD payments.",
        Map.of("code", "card-payments-not-configured"));
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
        null, null, null, p.createdAt(), p.updatedAt());
  }

  /**
   * A payment that has taken the money: the invoice's paid amount rises (and its pending amount
   * falls by {@code pendingChange}), its PaymentSucceeded is appended and, at zero balance, the
   * invoice is PAID. Caller's transaction.
   */
  private Mono<Payment> succeeded(Changed<Payment> taken, long pendingChange, Instant now) {
    Payment p = taken.state();
    return invoices.addAmounts(p.invoiceId(), p.amount(), pendingChange, 0, now)
        .flatMap(invoice -> outbox.append(p.tenantId(), taken.events())
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

  /**
   * Sends a recorded PENDING card payment to the gateway; its answer is applied in a second
   * transaction, and the answer to the caller carries what a front end needs to complete it.
   */
  private Mono<Payment> charge(Payment p) {
    return GatewayAnswers.send("payment", p.id(), p, gateway.charge(chargeOf(p)), result -> kept(p, result), result -> applied(p, result));
  }

  /**
   * Asks the gateway again about a PENDING card payment whose first call never answered (see
   * {@link GatewayReconciler}); a failed look-up fails, to be tried again later.
   */
  Mono<Payment> reconcileCharge(Payment p) {
    return GatewayAnswers.answer(gateway.lookUpCharge(chargeOf(p)), result -> kept(p, result), result -> applied(p, result));
  }

  private static PaymentGateway.Charge chargeOf(Payment p) {
    return new PaymentGateway.Charge(p.tenantId(), p.id(), p.invoiceId(), p.amount(), p.currency());
  }

  private Mono<Payment> kept(Payment p, PaymentGateway.Result result) {
    return payments.setGatewayReference(p.id(), result.reference(), result.nextAction(), clock.instant())
        .map(stored -> stored.forClient(result.clientSecret(), result.publishableKey()));
  }

  private Mono<Payment> applied(Payment p, PaymentGateway.Result result) {
    return payments.find(p.tenantId(), p.id())
        .flatMap(found -> chargeOutcome(found, result.outcome() == PaymentGateway.Outcome.SUCCEEDED, result.reference(),
            result.failureReason(), result.failureCode()))
        .map(settled -> settled.value().forClient(result.clientSecret(), result.publishableKey()));
  }

  /**
   * Applies the gateway's final answer to a card payment: SUCCEEDED raises the invoice's paid
   * amount (and may make it PAID), FAILED releases the reserved amount. Idempotent.
   */
  public Mono<Payment> settleCharge(UUID tenantId, UUID paymentId, boolean succeeded, String reference, String failureReason) {
    return payments.find(tenantId, paymentId)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Payment " + paymentId)))
        .flatMap(found -> chargeOutcome(found, succeeded, reference, failureReason, null))
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
    return applyChargeOutcome(tenantId, reference, paymentIdHint, succeeded, failureReason, null);
  }

  /** As above, with the processor's {@code failureCode} of a failure (Stripe's {@code decline_code}). */
  public Mono<Settlement<Payment>> applyChargeOutcome(UUID tenantId, String reference, UUID paymentIdHint, boolean succeeded,
      String failureReason, String failureCode) {
    return GatewayAnswers.byReferenceOrId(payments.findByGatewayReference(tenantId, reference), paymentIdHint,
            id -> payments.find(tenantId, id))
        .switchIfEmpty(Mono.error(() -> new NotYetKnown("No payment has the reference " + reference + " (yet).")))
        .flatMap(found -> chargeOutcome(found, succeeded, reference, failureReason, failureCode));
  }

  /** Settles a charge as {@link GatewayAnswers#settle} allows; a success on a CANCELED payment is refunded at once. */
  private Mono<Settlement<Payment>> chargeOutcome(Payment found, boolean succeeded, String reference, String failureReason,
      String failureCode) {
    return underLock.run(found.tenantId(), found.invoiceId(), (invoice, now) -> payments.lock(found.id())
        .flatMap(current -> {
          PaymentStatus from = current.status();
          if (from == PaymentStatus.CANCELED && succeeded) {
            return cancellation.capturedAfterCancel(invoice, current, reference, now, refunds::send,
                r -> refunds.checkLater(r, now));
          }
          return GatewayAnswers.settle(current, "payment " + current.id(), from, succeeded, to -> invoices.lines(invoice.id())
              .flatMap(lines -> {
                Changed<Payment> moved = current.moveTo(to, reference, failureReason, failureCode, invoice, lines, now);
                return payments.move(current, moved.state())
                    .map(stored -> new Changed<>(stored, moved.events()))
                    .flatMap(change -> succeeded
                        ? succeeded(change, from == PaymentStatus.PENDING ? -current.amount() : 0, now)
                        : failed(change, now));
              })
              .map(p -> new Settlement<>(p, true,
                  "payment " + p.id() + " " + to + (from == PaymentStatus.FAILED ? " after a failed attempt" : ""))));
        }));
  }

  /** A card payment the processor refused: the amount it reserved on the invoice is released, and PaymentFailed appended. */
  private Mono<Payment> failed(Changed<Payment> refused, Instant now) {
    Payment p = refused.state();
    return invoices.addAmounts(p.invoiceId(), 0, -p.amount(), 0, now)
        .then(outbox.append(p.tenantId(), refused.events()))
        .thenReturn(p);
  }

  /** PENDING → CANCELED, releasing the reserved amount; see {@link PaymentCancellation}. */
  public Mono<Payment> cancel(Caller caller, UUID paymentId) {
    return cancellation.cancel(caller, paymentId);
  }

  /** Refunds (part of) a SUCCEEDED payment; see {@link Refunds}. */
  public Mono<Refund> refund(Caller caller, UUID paymentId, long amount, String currency, String reason) {
    return refunds.refund(caller, paymentId, amount, currency, reason);
  }

  /** Applies the gateway's final answer to a card refund. Idempotent like {@link #settleCharge}. */
  public Mono<Refund> settleRefund(UUID tenantId, UUID refundId, boolean succeeded, String reference, String failureReason) {
    return refunds.settle(tenantId, refundId, succeeded, reference, failureReason);
  }

  /**
   * A provider's word on a refund, found by its reference or our id in its metadata. A refund Bookpay
   * never asked for (made in the provider's dashboard) is recorded when its payment is known and
   * SUCCEEDED; until then, and while one of our own refunds of that payment awaits its reference,
   * it is {@link NotYetKnown}. Status moves as for charges: PENDING → SUCCEEDED | FAILED, FAILED → SUCCEEDED.
   */
  public Mono<Settlement<Refund>> applyRefundOutcome(UUID tenantId, String reference, UUID refundIdHint, String paymentReference,
      long amount, String currency, boolean succeeded, String failureReason) {
    return refunds.applyOutcome(tenantId, reference, refundIdHint, paymentReference, amount, currency, succeeded, failureReason);
  }

  /**
   * A processor's word on a dispute of a card payment (found by the payment's reference): opened
   * ({@code outcome} null) or closed {@code won} / {@code lost}. Each is announced once, in any order;
   * {@link NotYetKnown} while the payment is not known.
   */
  public Mono<Settlement<String>> applyDispute(UUID tenantId, String disputeReference, String paymentReference, long amount,
      String currency, String reason, String outcome) {
    return disputes.apply(tenantId, disputeReference, paymentReference, amount, currency, reason, outcome);
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
}
