package io.bookpay.catalog;

import io.bookpay.platform.db.SqlFile;
import io.bookpay.platform.web.PageCursor;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code providers} and what hangs off them: locations, services, hours, time off. */
@Repository
class ProviderRepository {

  private static final String SELECT =
      """
      SELECT p.id, p.tenant_id, p.name, p.active, p.version, p.created_at, p.updated_at,
        coalesce((SELECT array_agg(location_id ORDER BY location_id) FROM provider_locations WHERE provider_id = p.id), '{}') AS location_ids,
        coalesce((SELECT array_agg(service_id ORDER BY service_id) FROM provider_services WHERE provider_id = p.id), '{}') AS service_ids
      FROM providers p
      """;

  /** Also run by bench/burst's pgbench scripts. */
  private static final String SCHEDULES = SqlFile.load(ProviderRepository.class, "schedules.sql");

  private final DatabaseClient db;

  ProviderRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(UUID tenantId, UUID id, String name, Instant at, UUID actor) {
    return db.sql("""
            INSERT INTO providers (id, tenant_id, name, active, version, created_at, updated_at, created_by, updated_by)
            VALUES (:id, :tenantId, :name, true, 0, :at, :at, :actor, :actor)
            """)
        .bind("id", id).bind("tenantId", tenantId).bind("name", name).bind("at", at)
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then();
  }

  /** Replaces the provider's locations and services in two statements. */
  Mono<Void> replaceLinks(UUID tenantId, UUID id, List<UUID> locations, List<UUID> services) {
    Mono<Void> clear = db.sql("""
            WITH a AS (DELETE FROM provider_locations WHERE provider_id = :id)
            DELETE FROM provider_services WHERE provider_id = :id
            """).bind("id", id).then();
    Mono<Void> insert = db.sql("""
            WITH a AS (
              INSERT INTO provider_locations (tenant_id, provider_id, location_id)
              SELECT :tenantId, :id, unnest(:locations::uuid[]))
            INSERT INTO provider_services (tenant_id, provider_id, service_id)
            SELECT :tenantId, :id, unnest(:services::uuid[])
            """)
        .bind("tenantId", tenantId).bind("id", id)
        .bind("locations", locations.toArray(UUID[]::new)).bind("services", services.toArray(UUID[]::new))
        .then();
    return clear.then(insert);
  }

  Mono<Provider> find(UUID tenantId, UUID id) {
    return db.sql(SELECT + " WHERE p.tenant_id = :tenantId AND p.id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(ProviderRepository::map).one();
  }

  Flux<Provider> list(UUID tenantId) {
    return db.sql(SELECT + " WHERE p.tenant_id = :tenantId ORDER BY p.id")
        .bind("tenantId", tenantId).map(ProviderRepository::map).all();
  }

  /** Bumps the version the caller read; false when it is no longer current. */
  Mono<Boolean> update(UUID tenantId, UUID id, long expectedVersion, String name, Instant at, UUID actor) {
    return db.sql("""
            UPDATE providers SET name = :name, version = version + 1, updated_at = :at, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id AND version = :version
            """)
        .bind("name", name).bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .bind("tenantId", tenantId).bind("id", id).bind("version", expectedVersion)
        .fetch().rowsUpdated().map(n -> n > 0);
  }

  /** A change to what hangs off the provider (its hours): a new version. */
  Mono<Void> touch(UUID tenantId, UUID id, Instant at, UUID actor) {
    return db.sql("""
            UPDATE providers SET version = version + 1, updated_at = :at, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id
            """)
        .bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .bind("tenantId", tenantId).bind("id", id)
        .then();
  }

  Mono<Boolean> deactivate(UUID tenantId, UUID id, Instant at, UUID actor) {
    return db.sql("""
            UPDATE providers SET active = false, version = version + CASE WHEN active THEN 1 ELSE 0 END,
                   updated_at = :at, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id
            """)
        .bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .bind("tenantId", tenantId).bind("id", id)
        .fetch().rowsUpdated().map(n -> n > 0);
  }

  Mono<Void> replaceHours(UUID tenantId, UUID providerId, List<WorkingHours> hours, List<UUID> ids, UUID actor) {
    int n = hours.size();
    Short[] weekdays = new Short[n];
    UUID[] locations = new UUID[n];
    LocalTime[] starts = new LocalTime[n];
    LocalTime[] ends = new LocalTime[n];
    for (int i = 0; i < n; i++) {
      WorkingHours h = hours.get(i);
      weekdays[i] = h.weekday().shortValue();
      locations[i] = h.locationId();
      starts[i] = h.start();
      ends[i] = h.end();
    }
    return db.sql("DELETE FROM working_hours WHERE provider_id = :providerId").bind("providerId", providerId).then()
        .then(db.sql("""
                INSERT INTO working_hours (id, tenant_id, provider_id, location_id, weekday, start_time, end_time, created_by)
                SELECT h.id, :tenantId, :providerId, h.location_id, h.weekday, h.start_time, h.end_time, :actor
                FROM unnest(:ids::uuid[], :locations::uuid[], :weekdays::smallint[], :starts::time[], :ends::time[])
                     AS h(id, location_id, weekday, start_time, end_time)
                """)
            .bind("tenantId", tenantId).bind("providerId", providerId).bind("ids", ids.toArray(UUID[]::new))
            .bind("locations", locations).bind("weekdays", weekdays).bind("starts", starts).bind("ends", ends)
            .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
            .then());
  }

  Flux<WorkingHours> hours(UUID providerId) {
    return db.sql("SELECT location_id, weekday, start_time, end_time FROM working_hours WHERE provider_id = :id ORDER BY weekday, start_time")
        .bind("id", providerId)
        .map(row -> new WorkingHours(row.get("location_id", UUID.class), row.get("weekday", Short.class).intValue(),
            row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class)))
        .all();
  }

  /** One weekly window of one provider. */
  record ProviderHours(UUID providerId, WorkingHours hours) {}

  /** The weekly hours of all the tenant's providers in one query (for a backfill's snapshots); through providers' tenant index and working_hours_provider_idx. */
  Flux<ProviderHours> hoursOfTenant(UUID tenantId) {
    return db.sql("""
            SELECT w.provider_id, w.location_id, w.weekday, w.start_time, w.end_time
            FROM providers p JOIN working_hours w ON w.provider_id = p.id
            WHERE p.tenant_id = :tenantId ORDER BY w.provider_id, w.weekday, w.start_time
            """)
        .bind("tenantId", tenantId)
        .map(row -> new ProviderHours(row.get("provider_id", UUID.class), new WorkingHours(row.get("location_id", UUID.class),
            row.get("weekday", Short.class).intValue(), row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class))))
        .all();
  }

  Mono<Void> insertTimeOff(UUID tenantId, UUID providerId, TimeOff timeOff, Instant at, UUID actor) {
    return db.sql("""
            INSERT INTO time_off (id, tenant_id, provider_id, period, reason, created_at, created_by)
            VALUES (:id, :tenantId, :providerId, tstzrange(:start, :end, '[)'), :reason, :at, :actor)
            """)
        .bind("id", timeOff.id()).bind("tenantId", tenantId).bind("providerId", providerId)
        .bind("start", timeOff.start()).bind("end", timeOff.end())
        .bind("reason", Parameter.fromOrEmpty(timeOff.reason(), String.class))
        .bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then();
  }

  /** A page of time off in (start, id) order; time_off_provider_idx finds the provider's rows, few enough to sort. */
  Flux<TimeOff> timeOff(UUID providerId, PageCursor.Keyed after, int limit) {
    DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT id, lower(period) AS start_at, upper(period) AS end_at, reason FROM time_off"
            + " WHERE provider_id = :id" + (after != null ? " AND (lower(period), id) > (:afterStart, :afterId)" : "")
            + " ORDER BY lower(period), id LIMIT :limit")
        .bind("id", providerId).bind("limit", limit);
    if (after != null) {
      spec = spec.bind("afterStart", after.at()).bind("afterId", after.id());
    }
    return spec.map(row -> new TimeOff(row.get("id", UUID.class), row.get("start_at", Instant.class), row.get("end_at", Instant.class),
            row.get("reason", String.class)))
        .all();
  }

  Mono<Boolean> deleteTimeOff(UUID tenantId, UUID providerId, UUID id) {
    return db.sql("DELETE FROM time_off WHERE tenant_id = :tenantId AND provider_id = :providerId AND id = :id")
        .bind("tenantId", tenantId).bind("providerId", providerId).bind("id", id)
        .fetch().rowsUpdated().map(n -> n > 0);
  }

  /**
   * Active providers offering an active service, with their windows at active locations and their
   * time off overlapping [from, to). One round trip whatever the number of providers.
   */
  Flux<ProviderSchedule> schedules(UUID tenantId, UUID serviceId, UUID providerId, Instant from, Instant to) {
    return db.sql(SCHEDULES)
        .bind("tenantId", tenantId).bind("serviceId", serviceId)
        .bind("providerId", Parameter.fromOrEmpty(providerId, UUID.class))
        .bind("from", from).bind("to", to)
        .map(row -> ScheduleJson.parse(row.get("provider_id", UUID.class), row.get("windows", String.class), row.get("time_off", String.class)))
        .all();
  }

  private static Provider map(Readable row) {
    return new Provider(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
        row.get("active", Boolean.class), Arrays.asList(row.get("location_ids", UUID[].class)),
        Arrays.asList(row.get("service_ids", UUID[].class)), row.get("version", Long.class),
        row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
  }
}
