package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.tenant.TenantProfileChanged;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** A zone as a profile snapshot gives it. */
  private record Change(ZoneId zone, long version, Instant at) {}

  /**
   * Stores the zone of each tenant's newest profile snapshot in the batch; a snapshot older than the
   * stored one (a backfill racing a change, a retried dead letter) changes nothing. An unknown zone
   * id fails the event (it is parked).
   */
  Mono<Void> learn(List<EventEnvelope> batch) {
    Map<UUID, Change> newest = new LinkedHashMap<>();
    for (EventEnvelope event : batch) {
      if (event.payload() instanceof TenantProfileChanged profile) {
        Change change = new Change(zone(profile.timeZone()), profile.version(), event.occurredAt());
        newest.merge(event.tenantId(), change, (a, b) -> b.version() >= a.version() ? b : a);
      }
    }
    if (newest.isEmpty()) {
      return Mono.empty();
    }
    UUID[] tenants = newest.keySet().toArray(UUID[]::new);
    String[] zones = newest.values().stream().map(c -> c.zone().getId()).toArray(String[]::new);
    Long[] versions = newest.values().stream().map(Change::version).toArray(Long[]::new);
    String[] times = newest.values().stream().map(c -> c.at().toString()).toArray(String[]::new);
    return db.sql("""
            INSERT INTO analytics_tenant_zones (tenant_id, time_zone, version, changed_at)
            SELECT * FROM unnest(:tenants::uuid[], :zones::text[], :versions::bigint[], :times::text[]::timestamptz[])
            ON CONFLICT (tenant_id) DO UPDATE
              SET time_zone = EXCLUDED.time_zone, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
              WHERE analytics_tenant_zones.version <= EXCLUDED.version
            """)
        .bind("tenants", tenants).bind("zones", zones).bind("versions", versions).bind("times", times)
        .then();
  }

  /** A profile without a zone is in UTC; an id Java does not know throws (DateTimeException). */
  static ZoneId zone(String timeZone) {
    return timeZone == null || timeZone.isBlank() ? DEFAULT : ZoneId.of(timeZone);
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
}
