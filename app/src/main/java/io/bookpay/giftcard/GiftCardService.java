package io.bookpay.giftcard;

import io.bookpay.customer.CustomerService;
import io.bookpay.events.money.GiftCardAdjusted;
import io.bookpay.events.money.GiftCardIssued;
import io.bookpay.events.money.GiftCardRedeemed;
import io.bookpay.events.money.GiftCardRefunded;
import io.bookpay.events.money.GiftCardReversalUndone;
import io.bookpay.events.money.GiftCardReversed;
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
          .then(cards.post(card.id(), "ISSUE", amount, null, null, null, now))
          .then(outbox.append(caller.tenantId(), new GiftCardIssued(card.id(), customerId, null, amount, currency, expiresAt)))
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
        .concatMap(card -> cards.post(card.id(), "ISSUE", card.initialAmount(), null, null, "paid on invoice " + invoiceId, now)
            .then(outbox.append(card.tenantId(), new GiftCardIssued(card.id(), card.customerId(), invoiceId, card.initialAmount(),
                card.currency(), card.expiresAt()))))
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
          return cards.post(card.id(), "REDEEM", -amount, paymentId, null, null, now)
              .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.UNPROCESSABLE,
                  "The gift card's balance (" + card.balance() + ") is less than " + amount + ".",
                  Map.of("code", "gift-card-insufficient", "balance", card.balance()))))
              .flatMap(balance -> outbox.append(tenantId,
                      new GiftCardRedeemed(card.id(), invoiceId, paymentId, amount, balance, card.currency()))
                  .thenReturn(card));
        });
  }

  /** Puts a refund back on the card, with GiftCardRefunded, in the caller's transaction. */
  public Mono<Void> refundTo(UUID tenantId, UUID cardId, long amount, String currency, UUID invoiceId, UUID paymentId, UUID refundId,
      Instant now) {
    return cards.post(cardId, "REFUND", amount, paymentId, refundId, null, now)
        .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.INVALID_TRANSITION,
            "The gift card that paid is no longer active; refund by another method.")))
        .flatMap(balance -> outbox.append(tenantId, new GiftCardRefunded(cardId, invoiceId, paymentId, refundId, amount, balance, currency)));
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
    return cards.post(card.id(), "REVERSAL", -amount, paymentId, refundId, "refund " + refundId, now)
        .flatMap(balance -> outbox.append(card.tenantId(),
            new GiftCardReversed(card.id(), invoiceId, refundId, amount, balance, card.currency())));
  }

  /** Gives back what {@link #takeBack} took, for a refund that failed (REVERSAL_UNDONE), with GiftCardReversalUndone. */
  public Mono<Void> giveBack(UUID tenantId, UUID cardId, long amount, String currency, UUID invoiceId, UUID paymentId, UUID refundId,
      Instant now) {
    return cards.post(cardId, "REVERSAL_UNDONE", amount, paymentId, refundId, "refund " + refundId + " failed", now)
        .flatMap(balance -> outbox.append(tenantId, new GiftCardReversalUndone(cardId, invoiceId, refundId, amount, balance, currency)));
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
        .flatMap(card -> card.status() != GiftCardStatus.ACTIVE
            ? Mono.error(new ApiException(ProblemType.INVALID_TRANSITION, "Only an ACTIVE gift card can be adjusted; this one is " + card.status() + "."))
            : cards.post(id, "ADJUST", amount, null, null, note, now)
                .switchIfEmpty(Mono.error(() -> new ApiException(ProblemType.UNPROCESSABLE,
                    "The adjustment would take the balance below zero.", Map.of("code", "gift-card-insufficient"))))
                .flatMap(balance -> outbox.append(caller.tenantId(), new GiftCardAdjusted(id, amount, balance, card.currency())))
                .then(cards.find(caller.tenantId(), id)))
        .as(tx::transactional);
  }
}
