package io.bookpay.giftcard;

import io.bookpay.customer.CustomerService;
import io.bookpay.outbox.Changed;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Currencies;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issues gift cards (code shown once) and moves their balances. Every movement is a ledger entry
 * written in the same statement as the balance change, which refuses to go below zero.
 */
@Service
public class GiftCardService {

  private final GiftCardRepository cards;
  private final CustomerService customers;
  private final Outbox outbox;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final Clock clock;
  private final GiftCardCodes codes = new GiftCardCodes();

  GiftCardService(GiftCardRepository cards, CustomerService customers, Outbox outbox, TransactionalOperator tx, Ids ids, Clock clock) {
    this.cards = cards;
    this.customers = customers;
    this.outbox = outbox;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
  }

  /** A card worth {@code amount} right away: a promotion, a replacement, a sale outside an invoice. */
  public Mono<IssuedGiftCard> issue(Caller caller, long amount, String currency, UUID customerId, Instant expiresAt) {
    Currencies.check("currency", currency);
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      return Mono.error(Problems.invalid("expiresAt", "must be in the future"));
    }
    Mono<?> customer = customerId == null ? Mono.just(true) : Problems.referenced(customers.get(caller, customerId), "Customer " + customerId);
    return customer.then(Mono.defer(() -> {
      String code = codes.generate();
      GiftCard card = new GiftCard(ids.next(), caller.tenantId(), GiftCardCodes.last4(code), currency, amount, 0,
          GiftCardStatus.ACTIVE, customerId, null, expiresAt, now);
      return cards.insert(card, GiftCardCodes.hash(GiftCardCodes.normalise(code)))
          .then(post(card, card.issue(), "ISSUE", null, null, null, now))
          .thenReturn(new IssuedGiftCard(card.id(), code, card.last4(), amount, currency, GiftCardStatus.ACTIVE, expiresAt))
          .as(tx::transactional);
    }));
  }

  /**
   * PENDING cards for the gift cards an invoice being finalized sells, one per face value, in that
   * order and with time-ordered ids; they activate when it is paid. In the caller's transaction.
   */
  public Mono<List<IssuedGiftCard>> issuePending(UUID tenantId, UUID customerId, UUID invoiceId, String currency, List<Long> faceValues,
      Instant now) {
    List<IssuedGiftCard> issued = new ArrayList<>();
    List<Mono<Void>> inserts = new ArrayList<>();
    for (long faceValue : faceValues) {
      String code = codes.generate();
      GiftCard card = new GiftCard(ids.next(), tenantId, GiftCardCodes.last4(code), currency, faceValue, 0, GiftCardStatus.PENDING,
          customerId, invoiceId, null, now);
      issued.add(new IssuedGiftCard(card.id(), code, card.last4(), card.initialAmount(), card.currency(), GiftCardStatus.PENDING, null));
      inserts.add(cards.insert(card, GiftCardCodes.hash(GiftCardCodes.normalise(code))));
    }
    return Flux.concat(inserts).then(Mono.just(List.copyOf(issued)));
  }

  /** The invoice that sold them was paid: its PENDING cards get their value (ISSUE) and can be used. */
  public Mono<Void> activateFor(UUID invoiceId, Instant now) {
    return cards.settlePending(invoiceId, GiftCardStatus.ACTIVE).collectList()
        .flatMapMany(Flux::fromIterable)
        .concatMap(card -> post(card, card.issue(), "ISSUE", null, null, "paid on invoice " + invoiceId, now))
        .then();
  }

  /** The invoice that sold them was voided: its PENDING cards are VOID. */
  public Mono<Void> voidFor(UUID invoiceId) {
    return cards.settlePending(invoiceId, GiftCardStatus.VOID).then();
  }

  /**
   * Takes {@code amount} off the card with this code for a payment, in the caller's transaction,
   * under the card's row lock; 422 (without saying whether the code exists) when it cannot pay.
   */
  public Mono<GiftCard> redeem(UUID tenantId, String code, long amount, String currency, UUID invoiceId, UUID paymentId, Instant now) {
    String normalised = GiftCardCodes.normalise(code);
    if (normalised == null) {
      return Mono.error(Problems.invalid("giftCardCode", "is not a gift card code"));
    }
    return cards.findByCode(tenantId, GiftCardCodes.hash(normalised), true)
        .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.UNPROCESSABLE, "No usable gift card has this code.",
            Map.of("code", "gift-card-unusable"))))
        .flatMap(card -> {
          if (card.status() != GiftCardStatus.ACTIVE || card.expiredAt(now)) {
            return Mono.error(new ApiException(ProblemType.UNPROCESSABLE,
                card.status() == GiftCardStatus.ACTIVE ? "The gift card expired at " + card.expiresAt() + "."
                    : "The gift card is " + card.status() + " and cannot pay.",
                Map.of("code", "gift-card-unusable")));
          }
          if (!card.currency().equals(currency)) {
            return Mono.error(Problems.unprocessable("Currency mismatch: the gift card is in " + card.currency()
                + ", the invoice in " + currency + "."));
          }
          return post(card, card.redeem(amount, invoiceId, paymentId), "REDEEM", paymentId, null, null, now)
              .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.UNPROCESSABLE,
                  "The gift card's balance (" + card.balance() + ") is less than " + amount + ".",
                  Map.of("code", "gift-card-insufficient", "balance", card.balance()))))
              .thenReturn(card);
        });
  }

  /**
   * Puts a refund back on the card (locked here, after the invoice and the payment), with
   * GiftCardRefunded, in the caller's transaction. The card paid in {@code currency}, its own.
   */
  public Mono<Void> refundTo(UUID tenantId, UUID cardId, long amount, String currency, UUID invoiceId, UUID paymentId, UUID refundId,
      Instant now) {
    return cards.lock(cardId)
        .flatMap(card -> post(card, card.refundTo(amount, invoiceId, paymentId, refundId), "REFUND", paymentId, refundId, null, now))
        .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.INVALID_TRANSITION,
            "The gift card that paid is no longer active; refund by another method.")))
        .then();
  }

  /** The cards an invoice sold, locked in id order for a refund that takes their value back; in the caller's transaction. */
  public Flux<GiftCard> lockSoldOn(UUID invoiceId) {
    return cards.lockSoldOn(invoiceId);
  }

  /**
   * Takes {@code amount} of a sold card's value back for a refund (REVERSAL), with GiftCardReversed;
   * nothing when the card cannot give it (not ACTIVE, or its balance is lower). Caller's transaction.
   */
  public Mono<Void> takeBack(GiftCard card, long amount, UUID invoiceId, UUID paymentId, UUID refundId, Instant now) {
    return post(card, card.reverse(amount, invoiceId, refundId), "REVERSAL", paymentId, refundId, "refund " + refundId, now).then();
  }

  /**
   * Gives back what {@link #takeBack} took, for a refund that failed (REVERSAL_UNDONE), with
   * GiftCardReversalUndone; nothing when the card is no longer ACTIVE. The card is locked here;
   * it was sold in {@code currency}, its own.
   */
  public Mono<Void> giveBack(UUID tenantId, UUID cardId, long amount, String currency, UUID invoiceId, UUID paymentId, UUID refundId,
      Instant now) {
    return cards.lock(cardId)
        .flatMap(card -> post(card, card.undoReversal(amount, invoiceId, refundId), "REVERSAL_UNDONE", paymentId, refundId,
            "refund " + refundId + " failed", now))
        .then();
  }

  /**
   * Writes a balance change a card method computed from {@code before} (read under its row lock)
   * as one ledger entry of {@code kind}, and appends the change's events; emits the card as
   * changed, or nothing (nothing written, nothing appended) when the database refuses the entry: a
   * balance below zero or a card not ACTIVE. In the caller's transaction.
   */
  private Mono<GiftCard> post(GiftCard before, Changed<GiftCard> change, String kind, UUID paymentId, UUID refundId, String note,
      Instant now) {
    long delta = change.state().balance() - before.balance();
    return cards.post(before.id(), kind, delta, paymentId, refundId, note, now)
        .flatMap(balance -> balance == change.state().balance()
            ? outbox.append(before.tenantId(), change.events()).thenReturn(change.state())
            : Mono.error(new IllegalStateException("Gift card " + before.id() + " was not read under its lock: the "
                + kind + " left " + balance + ", not " + change.state().balance())));
  }

  public Mono<GiftCard> get(Caller caller, UUID id) {
    return cards.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Gift card " + id)));
  }

  /** The card with a code, for a balance check at the desk; 404 for an unknown code. */
  public Mono<GiftCard> lookup(Caller caller, String code) {
    String normalised = GiftCardCodes.normalise(code);
    if (normalised == null) {
      return Mono.error(Problems.invalid("code", "is not a gift card code"));
    }
    ByteBuffer hash = GiftCardCodes.hash(normalised);
    return cards.findByCode(caller.tenantId(), hash, false)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Gift card with this code")));
  }

  public Flux<GiftCard> page(Caller caller, UUID customerId, UUID after, int limit) {
    return cards.page(caller.tenantId(), customerId, after, limit);
  }

  public Flux<LedgerEntry> ledger(Caller caller, UUID id) {
    return get(caller, id).thenMany(cards.ledger(id));
  }

  /** A correction by hand, positive or negative; never below zero. */
  public Mono<GiftCard> adjust(Caller caller, UUID id, long amount, String note) {
    if (amount == 0) {
      return Mono.error(Problems.invalid("amount", "must not be zero"));
    }
    Instant now = clock.instant();
    return cards.find(caller.tenantId(), id)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Gift card " + id)))
        .flatMap(found -> cards.lock(found.id()))
        .flatMap(card -> card.status() != GiftCardStatus.ACTIVE
            ? Mono.error(new ApiException(ProblemType.INVALID_TRANSITION, "Only an ACTIVE gift card can be adjusted; this one is " + card.status() + "."))
            : post(card, card.adjust(amount), "ADJUST", null, null, note, now)
                .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.UNPROCESSABLE,
                    "The adjustment would take the balance below zero.", Map.of("code", "gift-card-insufficient")))))
        .as(tx::transactional);
  }
}
