package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The rollups behind the analytics reports, fed by {@link AnalyticsProjection}'s batch inside its
 * transaction: first the tenants' zones (a zone change applies to the rest of its batch) and the
 * catalog, then bookings, the link funnel and claims, each on the tenant's calendar day at apply time.
 */
@Component
class AnalyticsRollups {

  private final TenantZones zones;
  private final BookingRollup bookings;
  private final LinkRollup links;
  private final ClaimRollup claims;
  private final CatalogRollup catalog;

  AnalyticsRollups(TenantZones zones, BookingRollup bookings, LinkRollup links, ClaimRollup claims, CatalogRollup catalog) {
    this.zones = zones;
    this.catalog = catalog;
    this.bookings = bookings;
    this.links = links;
    this.claims = claims;
  }

  Mono<Void> apply(List<EventEnvelope> fresh) {
    Set<java.util.UUID> tenants = fresh.stream().map(EventEnvelope::tenantId).collect(Collectors.toSet());
    return zones.learn(fresh)
        .then(catalog.apply(fresh))
        .then(zones.of(tenants))
        .map(Buckets::new)
        .flatMap(buckets -> bookings.apply(fresh, buckets)
            .then(links.apply(fresh, buckets))
            .then(claims.apply(fresh, buckets)));
  }
}
