package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.projection.Projection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The consumer group {@code finance}: money, invoices, gift cards, packages, memberships and
 * insurance per tenant, on the tenant's calendar day at apply time, in {@code finance_*} tables
 * derived from events only. {@link io.bookpay.projection.Projections} calls {@link #apply} inside the
 * batch's transaction with only the events not applied before; every statement is also safe against
 * the same event twice (facts are keyed by the event id, states move only forward).
 */
@Component
public class FinanceProjection implements Projection {

  public static final String CONSUMER = "finance";

  private final FinanceZones zones;
  private final MoneyMoves money;
  private final InvoiceFacts invoices;
  private final GiftCardMoves giftCards;
  private final PackageMoves packages;
  private final MembershipFacts memberships;
  private final ClaimFacts claims;
  private final Allocations allocations;

  FinanceProjection(FinanceZones zones, MoneyMoves money, InvoiceFacts invoices, GiftCardMoves giftCards, PackageMoves packages,
      MembershipFacts memberships, ClaimFacts claims, Allocations allocations) {
    this.zones = zones;
    this.money = money;
    this.invoices = invoices;
    this.giftCards = giftCards;
    this.packages = packages;
    this.memberships = memberships;
    this.claims = claims;
    this.allocations = allocations;
  }

  /** The topics that carry money, claims, bookings (revenue per service, provider and location) and tenant profiles (the zone). */
  static final List<String> TOPICS = List.of(Topics.PAYMENTS, Topics.CLAIMS, Topics.BOOKINGS, Topics.TENANTS);

  @Override
  public String consumer() {
    return CONSUMER;
  }

  /** What the consumer group reads and so what a rebuild replays: links, catalog, customers and custom events hold no money. */
  @Override
  public Collection<String> topics() {
    return TOPICS;
  }

  /** The tenants' current zones: a rebuild puts every event on the tenant's day in the zone it has now. */
  @Override
  public List<String> seededFromLive() {
    return List.of("finance_tenant_zones");
  }

  /** The zones first (a change applies to the rest of its batch), then every fact on its tenant's day. */
  @Override
  public Mono<Void> apply(List<EventEnvelope> fresh) {
    if (fresh.isEmpty()) {
      return Mono.empty();
    }
    Set<UUID> tenants = fresh.stream().map(EventEnvelope::tenantId).collect(Collectors.toSet());
    return zones.learn(fresh)
        .then(zones.of(tenants))
        .map(Days::new)
        .flatMap(days -> invoices.apply(fresh, days)
            .then(money.apply(fresh, days))
            .then(allocations.apply(fresh))
            .then(giftCards.apply(fresh, days))
            .then(packages.apply(fresh, days))
            .then(memberships.apply(fresh, days))
            .then(claims.apply(fresh, days)));
  }
}
