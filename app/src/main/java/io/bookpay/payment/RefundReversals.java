package io.bookpay.payment;

import io.bookpay.giftcard.GiftCard;
import io.bookpay.giftcard.GiftCardService;
import io.bookpay.invoice.Allocation;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.invoice.InvoiceStatus;
import io.bookpay.invoice.LineKind;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.sales.Membership;
import io.bookpay.sales.PackagePurchase;
import io.bookpay.sales.PlanReversals;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes back what a refunded invoice delivered, so a refund never leaves value behind. The refund is
 * spread over the invoice's lines ({@link Allocation}); its share of GIFT_CARD lines comes off the
 * cards' balances, of PACKAGE lines off the unused sessions, of MEMBERSHIP lines off the paid time.
 * Everything runs in the refund's transaction, under the invoice's lock and the items' locks, taken
 * in id order (cards, then purchases, then memberships) after the invoice and the payment, so
 * refunds and redemptions never wait on each other in a circle. The items are moved through their
 * owners ({@link GiftCardService}, {@link PlanReversals}). A refund the business asks for is refused
 * when the value is spent (strict); one the processor already made is not refusable, so what cannot
 * be taken back is returned as a shortfall.
 */
@Component
class RefundReversals {

  private final ReversalRepository reversals;
  private final GiftCardService cards;
  private final InvoiceService invoices;
  private final PlanReversals plans;
  private final MeterRegistry meters;

  RefundReversals(ReversalRepository reversals, GiftCardService cards, PlanReversals plans, InvoiceService invoices,
      MeterRegistry meters) {
    this.reversals = reversals;
    this.cards = cards;
    this.invoices = invoices;
    this.plans = plans;
    this.meters = meters;
  }

  /**
   * Reverses the refund's share of what the invoice delivered; emits the money that could not be
   * reversed (always 0 when {@code strict}, which fails with 422 {@code delivered-value-spent} instead).
   * Nothing is delivered before an invoice is PAID, so there is nothing to reverse before.
   */
  Mono<Long> reverse(Invoice invoice, Refund refund, boolean strict, Instant now) {
    if (invoice.status() != InvoiceStatus.PAID) {
      return Mono.just(0L);
    }
    return invoices.lines(invoice.id()).flatMap(lines -> {
      long[] shares = Allocation.overLines(refund.amount(), lines);
      boolean delivered = false;
      for (int i = 0; i < lines.size(); i++) {
        delivered |= shares[i] > 0 && DeliveredItems.isDelivered(lines.get(i).kind());
      }
      if (!delivered) {
        return Mono.just(0L);
      }
      return cards.lockSoldOn(invoice.id()).collectList()
          .flatMap(cardList -> plans.lockPurchasesSoldOn(invoice.id()).collectList()
              .flatMap(purchases -> plans.lockMembershipsSoldOn(invoice.id()).collectList()
                  .flatMap(memberships -> Flux.fromIterable(DeliveredItems.match(lines, shares, cardList, purchases, memberships))
                      .concatMap(target -> reverse(invoice, refund, target, strict, now))
                      .reduce(0L, Long::sum))));
    });
  }

  private Mono<Long> reverse(Invoice invoice, Refund refund, DeliveredItems.Target target, boolean strict, Instant now) {
    return switch (target.line().kind()) {
      case GIFT_CARD -> giftCards(invoice, refund, target, strict, now);
      case PACKAGE -> sessions(invoice, refund, target, strict, now);
      case MEMBERSHIP -> time(invoice, refund, target, now);
      default -> Mono.just(0L);
    };
  }

  private Mono<Long> giftCards(Invoice invoice, Refund refund, DeliveredItems.Target target, boolean strict, Instant now) {
    ReversalMath.CardTakes takes = ReversalMath.cardTakes(target.share(), target.line(), target.cards());
    if (strict && takes.shortfall() > 0) {
      return Mono.error(spent("the gift card" + (target.cards().size() > 1 ? "s" : "") + " sold on it hold "
          + takes.available() + " of the " + takes.value() + " to take back"));
    }
    return Flux.range(0, target.cards().size())
        .filter(k -> takes.taken()[k] > 0)
        .concatMap(k -> {
          GiftCard card = target.cards().get(k);
          long take = takes.taken()[k];
          return cards.takeBack(card, take, invoice.id(), refund.paymentId(), refund.id(), now)
              .then(reversals.insert(refund.id(), LineKind.GIFT_CARD, card.id(), takes.shares()[k], 0, take, null, false, now));
        })
        .then(recordShortfall(refund, LineKind.GIFT_CARD, target.cards().isEmpty() ? null : target.cards().get(0).id(),
            takes.shortfall(), now));
  }

  private Mono<Long> sessions(Invoice invoice, Refund refund, DeliveredItems.Target target, boolean strict, Instant now) {
    PackagePurchase purchase = target.purchase();
    if (purchase == null) {
      return Mono.just(0L); // the line delivered nothing (its package was gone when the invoice was paid)
    }
    int needed = ReversalMath.sessions(target.share(), target.line(), purchase.sessionsTotal());
    int removed = Math.min(needed, purchase.sessionsRemaining());
    if (strict && removed < needed) {
      return Mono.error(spent("package " + purchase.id() + " has " + purchase.sessionsRemaining() + " unused sessions of the "
          + needed + " to take back"));
    }
    long shortfall = ReversalMath.part(target.share(), needed - removed, needed);
    Mono<Void> take = removed == 0 ? Mono.empty()
        : plans.takeBackSessions(purchase, removed, invoice.id(), refund.id());
    return take
        .then(reversals.insert(refund.id(), LineKind.PACKAGE, purchase.id(), target.share(), shortfall, removed, null, false, now))
        .thenReturn(shortfall);
  }

  /** A membership ends earlier in proportion; once its end is not ahead any more it ends now. Time used is never a shortfall. */
  private Mono<Long> time(Invoice invoice, Refund refund, DeliveredItems.Target target, Instant now) {
    Membership m = target.membership();
    if (m == null || !"ACTIVE".equals(m.status())) {
      return Mono.just(0L);
    }
    Instant endsAt = ReversalMath.shortenedEnd(target.share(), target.line(), m.startsAt(), m.endsAt());
    return plans.shorten(m, endsAt, invoice.id(), refund.id(), now)
        .flatMap(shortened -> reversals.insert(refund.id(), LineKind.MEMBERSHIP, m.id(), target.share(), 0, 0, m.endsAt(),
            "ENDED".equals(shortened.status()), now))
        .thenReturn(0L);
  }

  private Mono<Long> recordShortfall(Refund refund, LineKind kind, UUID itemId, long shortfall, Instant now) {
    if (shortfall == 0 || itemId == null) {
      return Mono.just(shortfall);
    }
    return reversals.insert(refund.id(), kind, itemId, shortfall, shortfall, 0, null, false, now).thenReturn(shortfall);
  }

  /**
   * Writes a refund's shortfall on it and counts it ({@code bookpay.refunds.reversal.shortfall}, in
   * minor units per currency) once the transaction commits, for a person to settle.
   */
  Mono<Long> recordShortfall(Refund refund, long shortfall) {
    if (shortfall == 0) {
      return Mono.just(0L);
    }
    return reversals.addShortfall(refund.id(), shortfall)
        .then(AfterCommit.run(() -> meters.counter("bookpay.refunds.reversal.shortfall", "currency", refund.currency())
            .increment(shortfall)))
        .thenReturn(shortfall);
  }

  /**
   * An invoice just became PAID and delivered in full, but refunds made while it was OPEN paid back part
   * of the money: each takes its share back now, from items that were just delivered.
   */
  Mono<Void> reverseEarlierRefunds(Invoice paid, Instant now) {
    return reversals.liveRefunds(paid.id())
        .concatMap(refund -> reverse(paid, refund, false, now).flatMap(shortfall -> recordShortfall(refund, shortfall)))
        .then();
  }

  /** A refund failed: everything it took back is given back, each with its ledger row and event. */
  Mono<Void> restore(Invoice invoice, Refund refund, Instant now) {
    return reversals.takeForRestore(refund.id(), now)
        .concatMap(row -> switch (row.kind()) {
          case GIFT_CARD -> row.quantity() == 0 ? Mono.<Void>empty()
              : cards.giveBack(invoice.tenantId(), row.itemId(), row.quantity(), refund.currency(), invoice.id(), refund.paymentId(),
                  refund.id(), now);
          case PACKAGE -> row.quantity() == 0 ? Mono.<Void>empty()
              : plans.giveBackSessions(invoice.tenantId(), row.itemId(), (int) row.quantity(), invoice.id(), refund.id());
          case MEMBERSHIP -> {
            boolean reactivate = row.ended() && row.previousEndsAt().isAfter(now);
            yield plans.restore(invoice.tenantId(), row.itemId(), row.previousEndsAt(), reactivate, invoice.id(), refund.id());
          }
          default -> Mono.<Void>empty();
        })
        .then();
  }

  private static ApiException spent(String why) {
    return new ApiException(ProblemType.UNPROCESSABLE, "The refund cannot take back what the invoice delivered: " + why + "."
        + " Refund less, or settle the rest with the client.", Map.of("code", "delivered-value-spent"));
  }
}
