package io.bookpay.projection.finance;

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
 * The tenants' time zones as the finance consumer learnt them ({@code finance_tenant_zones}); a
 * tenant it has heard nothing of is in UTC. The finance consumer keeps its own copy rather than
 * reading the analytics consumer's, so each projection can be rebuilt on its own. A change applies
 * to the rest of its batch and everything after.
 */
@Component
class FinanceZones {

  static final ZoneId DEFAULT = ZoneOffset.UTC;

  private final DatabaseClient db;

  FinanceZones(DatabaseClient db) {
    this.db = db;
  }

  private record Change(ZoneId zone, long version, Instant at) {}

  /** Stores each tenant's newest profile zone in the batch; an older snapshot than the stored one changes nothing; an unknown zone fails the event. */
  Mono<Void> learn(List<EventEnvelope> batch) {
    Map<UUID, Change> newest = new LinkedHashMap<>();
    for (EventEnvelope event : batch) {
      if (event.payload() instanceof TenantProfileChanged profile) {
        ZoneId zone = profile.timeZone() == null || profile.timeZone().isBlank() ? DEFAULT : ZoneId.of(profile.timeZone());
        newest.merge(event.tenantId(), new Change(zone, profile.version(), event.occurredAt()), (a, b) -> b.version() >= a.version() ? b : a);
      }
    }
    if (newest.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_tenant_zones (tenant_id, time_zone, version, changed_at)
            SELECT * FROM unnest(:tenants::uuid[], :zones::text[], :versions::bigint[], :times::timestamptz[])
            ON CONFLICT (tenant_id) DO UPDATE
              SET time_zone = EXCLUDED.time_zone, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
              WHERE finance_tenant_zones.version <= EXCLUDED.version
            """)
        .bind("tenants", newest.keySet().toArray(UUID[]::new))
        .bind("zones", newest.values().stream().map(c -> c.zone().getId()).toArray(String[]::new))
        .bind("versions", newest.values().stream().map(Change::version).toArray(Long[]::new))
        .bind("times", newest.values().stream().map(Change::at).toArray(Instant[]::new))
        .then();
  }

  /** The zone of each tenant (UTC for those without a row); served by the primary key. */
  Mono<Map<UUID, ZoneId>> of(Collection<UUID> tenants) {
    if (tenants.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql("SELECT tenant_id, time_zone FROM finance_tenant_zones WHERE tenant_id = ANY(:tenants::uuid[])")
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
}
