package io.bookpay.catalog;

import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.outbox.Outbox;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes the catalog's items as they now are (snapshot events on {@code bookpay.catalog}), inside
 * the caller's transaction: after a change, and all of a tenant's items for a backfill.
 */
@Component
class CatalogEvents {

  private final Outbox outbox;
  private final LocationRepository locations;
  private final OfferingRepository offerings;
  private final ProviderRepository providers;

  CatalogEvents(Outbox outbox, LocationRepository locations, OfferingRepository offerings, ProviderRepository providers) {
    this.outbox = outbox;
    this.locations = locations;
    this.offerings = offerings;
    this.providers = providers;
  }

  Mono<Location> location(Location l) {
    return outbox.append(l.tenantId(), locationChanged(l)).thenReturn(l);
  }

  Mono<Offering> service(Offering o, boolean deleted) {
    return outbox.append(o.tenantId(), serviceChanged(o, deleted)).thenReturn(o);
  }

  /** Reads the provider's hours in the same transaction, so the event shows the schedule just written. */
  Mono<Provider> provider(Provider p) {
    return providers.hours(p.id()).collectList()
        .flatMap(hours -> outbox.append(p.tenantId(), providerChanged(p, hours)))
        .thenReturn(p);
  }

  /** Every location, service (deleted ones too, so old bookings keep a name) and provider of the tenant. */
  Mono<CatalogService.Snapshots> snapshots(UUID tenantId) {
    Mono<Integer> locationCount = locations.list(tenantId).map(CatalogEvents::locationChanged).collectList()
        .flatMap(events -> outbox.append(tenantId, events).thenReturn(events.size()));
    Mono<Integer> serviceCount = offerings.listWithDeleted(tenantId)
        .map(row -> serviceChanged(row.offering(), row.deleted())).collectList()
        .flatMap(events -> outbox.append(tenantId, events).thenReturn(events.size()));
    Mono<Integer> providerCount = providers.hoursOfTenant(tenantId)
        .collect(Collectors.groupingBy(ProviderRepository.ProviderHours::providerId,
            Collectors.mapping(ProviderRepository.ProviderHours::hours, Collectors.toList())))
        .flatMap(hours -> providers.list(tenantId).map(p -> providerChanged(p, hours.getOrDefault(p.id(), List.of()))).collectList())
        .flatMap(events -> outbox.append(tenantId, events).thenReturn(events.size()));
    // One after the other: the three share the caller's transaction, hence its one connection.
    return locationCount.flatMap(l -> serviceCount.flatMap(s -> providerCount.map(p -> new CatalogService.Snapshots(l, s, p))));
  }

  private static LocationChanged locationChanged(Location l) {
    return new LocationChanged(l.id(), l.name(), l.timeZone(), l.active(), l.version());
  }

  private static ServiceChanged serviceChanged(Offering o, boolean deleted) {
    return new ServiceChanged(o.id(), o.name(), o.durationMinutes(), o.priceAmount(), o.currency(), o.active(), deleted, o.version());
  }

  private static ProviderChanged providerChanged(Provider p, List<WorkingHours> hours) {
    return new ProviderChanged(p.id(), p.name(), p.active(), p.locationIds(), p.serviceIds(),
        hours.stream().map(h -> new ProviderChanged.Hours(h.locationId(), h.weekday(), h.start(), h.end())).toList(), p.version());
  }
}
