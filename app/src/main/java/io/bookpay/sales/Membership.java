package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bookpay.events.DomainEvent;
import io.bookpay.events.money.MembershipEnded;
import io.bookpay.events.money.MembershipRestored;
import io.bookpay.events.money.MembershipShortened;
import io.bookpay.events.money.MembershipStarted;
import io.bookpay.outbox.Changed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A customer's membership of a tier, paid from {@code startsAt} to {@code endsAt}; ENDED once ended.
 * Its end and status move in conditional statements; the methods named for a past move are called
 * on the membership as that statement left it and return it with the events that announce the move.
 */
public record Membership(UUID id, @JsonIgnore UUID tenantId, UUID tierId, UUID customerId, UUID invoiceId, String status,
    long priceAmount, String currency, String period, Instant startsAt, Instant endsAt, Instant endedAt, Instant createdAt) {

  /**
   * The membership a paid MEMBERSHIP line delivers: paid from {@code now} for {@code quantity}
   * periods of the tier at {@code price} each, with MembershipStarted.
   */
  static Changed<Membership> start(UUID id, Sale sale, MembershipTier t, int quantity, long price, Instant now) {
    Instant ends = "YEAR".equals(t.period())
        ? now.atOffset(ZoneOffset.UTC).plusYears(quantity).toInstant()
        : now.atOffset(ZoneOffset.UTC).plusMonths(quantity).toInstant();
    Membership m = new Membership(id, sale.tenantId(), t.id(), sale.customerId(), sale.invoiceId(), "ACTIVE", price,
        sale.currency(), t.period(), now, ends, null, now);
    return Changed.of(m, new MembershipStarted(id, t.id(), m.customerId, sale.invoiceId(), m.priceAmount, m.currency, m.period,
        m.startsAt, m.endsAt));
  }

  /**
   * This membership (as a refund's shortening left it) was paid until {@code previousEndsAt}:
   * MembershipShortened, and MembershipEnded at {@code now} when the shortening ended it.
   */
  Changed<Membership> shortenedFrom(Instant previousEndsAt, UUID soldOnInvoiceId, UUID refundId, Instant now) {
    boolean ended = "ENDED".equals(status);
    List<DomainEvent> events = new ArrayList<>();
    events.add(new MembershipShortened(id, soldOnInvoiceId, refundId, previousEndsAt, endsAt, ended));
    if (ended) {
      events.add(new MembershipEnded(id, tierId, customerId, now, "refunded"));
    }
    return new Changed<>(this, events);
  }

  /** This membership's paid end (and status) put back, as the failed refund's restore left them. */
  Changed<Membership> restored(UUID soldOnInvoiceId, UUID refundId) {
    return Changed.of(this, new MembershipRestored(id, soldOnInvoiceId, refundId, endsAt, "ACTIVE".equals(status)));
  }

  /** This membership (as ending it left it) ended {@code at}, for {@code reason}. */
  Changed<Membership> ended(Instant at, String reason) {
    return Changed.of(this, new MembershipEnded(id, tierId, customerId, at, reason));
  }
}
