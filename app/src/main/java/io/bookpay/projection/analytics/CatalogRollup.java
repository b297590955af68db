package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What utilisation needs of the catalog, from its snapshot events: providers with their weekly
 * hours ({@code analytics_providers}, {@code analytics_provider_hours}) and the zones of the
 * locations those hours are read in ({@code analytics_locations}). A snapshot older than the stored
 * one (by the item's version) changes nothing; a newer provider snapshot replaces its hours whole.
 */
@Component
class CatalogRollup {

  private record Key(UUID tenant, UUID item) {}

  private final DatabaseClient db;

  CatalogRollup(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch) {
    Map<Key, ProviderChanged> providers = new LinkedHashMap<>();
    Map<Key, LocationChanged> locations = new LinkedHashMap<>();
    for (EventEnvelope e : batch) {
      if (e.payload() instanceof ProviderChanged p) {
        providers.merge(new Key(e.tenantId(), p.providerId()), p, (a, b) -> b.version() >= a.version() ? b : a);
      } else if (e.payload() instanceof LocationChanged l) {
        TenantZones.zone(l.timeZone()); // an unknown zone fails the event here, not a report later
        locations.merge(new Key(e.tenantId(), l.locationId()), l, (a, b) -> b.version() >= a.version() ? b : a);
      }
    }
    return saveLocations(locations).then(Mono.defer(() -> saveProviders(providers)));
  }

  private Mono<Void> saveLocations(Map<Key, LocationChanged> locations) {
    if (locations.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO analytics_locations (tenant_id, location_id, time_zone, version)
            SELECT * FROM unnest(:tenants::uuid[], :ids::uuid[], :zones::text[], :versions::bigint[])
            ON CONFLICT (tenant_id, location_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, version = EXCLUDED.version
              WHERE analytics_locations.version <= EXCLUDED.version
            """)
        .bind("tenants", locations.keySet().stream().map(Key::tenant).toArray(UUID[]::new))
        .bind("ids", locations.keySet().stream().map(Key::item).toArray(UUID[]::new))
        .bind("zones", locations.values().stream().map(l -> TenantZones.zone(l.timeZone()).getId()).toArray(String[]::new))
        .bind("versions", locations.values().stream().map(LocationChanged::version).toArray(Long[]::new))
        .then();
  }

  /** Upserts the providers, then replaces the hours of those whose snapshot was newer. */
  private Mono<Void> saveProviders(Map<Key, ProviderChanged> providers) {
    if (providers.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO analytics_providers (tenant_id, provider_id, name, active, version)
            SELECT * FROM unnest(:tenants::uuid[], :ids::uuid[], :names::text[], :active::boolean[], :versions::bigint[])
            ON CONFLICT (tenant_id, provider_id) DO UPDATE
              SET name = EXCLUDED.name, active = EXCLUDED.active, version = EXCLUDED.version
              WHERE analytics_providers.version <= EXCLUDED.version
            RETURNING tenant_id, provider_id
            """)
        .bind("tenants", providers.keySet().stream().map(Key::tenant).toArray(UUID[]::new))
        .bind("ids", providers.keySet().stream().map(Key::item).toArray(UUID[]::new))
        .bind("names", providers.values().stream().map(ProviderChanged::name).toArray(String[]::new))
        .bind("active", providers.values().stream().map(ProviderChanged::active).toArray(Boolean[]::new))
        .bind("versions", providers.values().stream().map(ProviderChanged::version).toArray(Long[]::new))
        .map(row -> new Key(row.get("tenant_id", UUID.class), row.get("provider_id", UUID.class)))
        .all()
        .collectList()
        .flatMap(updated -> updated.isEmpty() ? Mono.empty() : replaceHours(updated, providers));
  }

  private Mono<Void> replaceHours(List<Key> updated, Map<Key, ProviderChanged> providers) {
    List<Object[]> hours = new ArrayList<>(); // tenant, provider, location, weekday, start, end
    for (Key key : updated) {
      for (ProviderChanged.Hours h : providers.get(key).workingHours()) {
        hours.add(new Object[] {key.tenant(), key.item(), h.locationId(), h.weekday(), h.start(), h.end()});
      }
    }
    Mono<Void> delete = db.sql("""
            DELETE FROM analytics_provider_hours h
            USING unnest(:tenants::uuid[], :ids::uuid[]) AS t(tenant_id, provider_id)
            WHERE h.tenant_id = t.tenant_id AND h.provider_id = t.provider_id
            """)
        .bind("tenants", updated.stream().map(Key::tenant).toArray(UUID[]::new))
        .bind("ids", updated.stream().map(Key::item).toArray(UUID[]::new))
        .then();
    if (hours.isEmpty()) {
      return delete;
    }
    return delete.then(db.sql("""
            INSERT INTO analytics_provider_hours (tenant_id, provider_id, location_id, weekday, start_time, end_time)
            SELECT * FROM unnest(:tenants::uuid[], :ids::uuid[], :locations::uuid[], :weekdays::smallint[], :starts::time[], :ends::time[])
            """)
        .bind("tenants", hours.stream().map(h -> (UUID) h[0]).toArray(UUID[]::new))
        .bind("ids", hours.stream().map(h -> (UUID) h[1]).toArray(UUID[]::new))
        .bind("locations", hours.stream().map(h -> (UUID) h[2]).toArray(UUID[]::new))
        .bind("weekdays", hours.stream().map(h -> ((Integer) h[3]).shortValue()).toArray(Short[]::new))
        .bind("starts", hours.stream().map(h -> (LocalTime) h[4]).toArray(LocalTime[]::new))
        .bind("ends", hours.stream().map(h -> (LocalTime) h[5]).toArray(LocalTime[]::new))
        .then());
  }
}
