package io.bookpay.sales;

import io.bookpay.outbox.Outbox;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes back what a refund reverses of the packages and memberships an invoice sold (unused
 * sessions, paid time), and gives it back when the refund fails. How much is the refund's business
 * (the payment package's refund reversals); this service moves the rows, with their events, in the
 * caller's transaction.
 */
@Service
public class PlanReversals {

  private final PlanRepository plans;
  private final Outbox outbox;

  PlanReversals(PlanRepository plans, Outbox outbox) {
    this.plans = plans;
    this.outbox = outbox;
  }

  /** The package purchases an invoice sold, locked in id order. */
  public Flux<PackagePurchase> lockPurchasesSoldOn(UUID invoiceId) {
    return plans.lockPurchasesSoldOn(invoiceId);
  }

  /** The memberships an invoice sold, locked in id order. */
  public Flux<Membership> lockMembershipsSoldOn(UUID invoiceId) {
    return plans.lockMembershipsSoldOn(invoiceId);
  }

  /** Moves {@code sessions} unused sessions of a purchase to reversed, with PackageSessionsReversed. */
  public Mono<Void> takeBackSessions(PackagePurchase purchase, int sessions, UUID invoiceId, UUID refundId) {
    return plans.reverseSessions(purchase.id(), sessions)
        .flatMap(p -> outbox.append(purchase.tenantId(), p.sessionsReversed(sessions, invoiceId, refundId).events()));
  }

  /** Gives back sessions {@link #takeBackSessions} took, with PackageSessionsRestored. */
  public Mono<Void> giveBackSessions(UUID tenantId, UUID purchaseId, int sessions, UUID invoiceId, UUID refundId) {
    return plans.reverseSessions(purchaseId, -sessions)
        .flatMap(p -> outbox.append(tenantId, p.sessionsRestored(sessions, invoiceId, refundId).events()));
  }

  /**
   * Moves an ACTIVE membership's paid end earlier to {@code endsAt}, with MembershipShortened, and
   * MembershipEnded when that is not ahead any more; emits it as it is then, or nothing if it was not ACTIVE.
   */
  public Mono<Membership> shorten(Membership m, Instant endsAt, UUID invoiceId, UUID refundId, Instant now) {
    return plans.shorten(m.id(), endsAt, now)
        .map(shortened -> shortened.shortenedFrom(m.endsAt(), invoiceId, refundId, now))
        .flatMap(change -> outbox.append(m.tenantId(), change.events()).thenReturn(change.state()));
  }

  /** Puts a membership's paid end back to {@code endsAt} (ACTIVE again if {@code reactivate}), with MembershipRestored. */
  public Mono<Void> restore(UUID tenantId, UUID membershipId, Instant endsAt, boolean reactivate, UUID invoiceId, UUID refundId) {
    return plans.restore(membershipId, endsAt, reactivate)
        .flatMap(m -> outbox.append(tenantId, m.restored(invoiceId, refundId).events()));
  }
}
