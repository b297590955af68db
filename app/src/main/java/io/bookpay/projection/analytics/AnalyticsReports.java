package io.bookpay.projection.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the analytics rollups answer, for the reports: one tenant, a range of its calendar days
 * (both included). Reads only this projection's tables.
 */
@Service
public class AnalyticsReports {

  /** Optional filters of the bookings report; null means any. */
  public record BookingFilter(UUID serviceId, UUID providerId, UUID locationId, UUID linkId) {}

  /** Bookings that had {@code kind} (CREATED, CONFIRMED, CANCELLED, NO_SHOW, COMPLETED, RESCHEDULED) on a day. */
  public record BookingCount(LocalDate day, String kind, long count) {}

  /** One link's funnel over the range. */
  public record LinkFunnel(UUID linkId, long views, long slotSearches, long bookings, long completed) {}

  /**
   * Claims that had {@code kind} (SUBMITTED, APPROVED, REJECTED) on a day, for one payer (the
   * insurer's name, null in older events) and plan; for decisions, the seconds from submission
   * summed over those whose submission is known, and how many those are.
   */
  public record ClaimCount(LocalDate day, String payer, UUID planId, String kind, long count, long decisionSeconds, long timedDecisions) {}

  /** A provider as the catalog events describe it, with its weekly windows (none: no hours). */
  public record ProviderSchedule(UUID providerId, String name, boolean active, List<Window> windows) {}

  /** A weekly window at a location: ISO weekday, local start inclusive, end exclusive. */
  public record Window(UUID locationId, int weekday, LocalTime start, LocalTime end) {}

  /** A booking that holds a provider's time (confirmed, completed or a no-show) at its current time. */
  public record BookedTime(UUID providerId, UUID locationId, Instant start, Instant end) {}

  private final DatabaseClient db;
  private final TenantZones zones;

  AnalyticsReports(DatabaseClient db, TenantZones zones) {
    this.db = db;
    this.zones = zones;
  }

  /** The tenant's zone as the projection knows it (UTC until it learns one). */
  public Mono<ZoneId> zone(UUID tenantId) {
    return zones.of(tenantId);
  }

  /** Served by analytics_booking_activity_day_idx (tenant_id, day); the link by the bookings' primary key. */
  public Flux<BookingCount> bookings(UUID tenantId, LocalDate from, LocalDate to, BookingFilter filter) {
    var spec = db.sql("""
            SELECT a.day, a.kind, count(*) AS n
            FROM analytics_booking_activity a
            LEFT JOIN analytics_bookings b ON b.tenant_id = a.tenant_id AND b.booking_id = a.booking_id
            WHERE a.tenant_id = :tenantId AND a.day BETWEEN :from AND :to
              AND (:serviceId::uuid IS NULL OR a.service_id = :serviceId::uuid)
              AND (:providerId::uuid IS NULL OR a.provider_id = :providerId::uuid)
              AND (:locationId::uuid IS NULL OR a.location_id = :locationId::uuid)
              AND (:linkId::uuid IS NULL OR b.link_id = :linkId::uuid)
            GROUP BY a.day, a.kind
            ORDER BY a.day, a.kind
            """)
        .bind("tenantId", tenantId).bind("from", from).bind("to", to);
    spec = bindOrNull(spec, "serviceId", filter.serviceId());
    spec = bindOrNull(spec, "providerId", filter.providerId());
    spec = bindOrNull(spec, "locationId", filter.locationId());
    spec = bindOrNull(spec, "linkId", filter.linkId());
    return spec.map(row -> new BookingCount(row.get("day", LocalDate.class), row.get("kind", String.class), row.get("n", Long.class)))
        .all();
  }

  /**
   * Per link: views and slot searches (analytics_link_daily, by its primary key), bookings made
   * through it and those completed (booking activity joined to the booking's link). Links with
   * nothing in the range are left out.
   */
  public Flux<LinkFunnel> funnel(UUID tenantId, LocalDate from, LocalDate to, UUID linkId) {
    var spec = db.sql("""
            WITH top AS (
              SELECT link_id, sum(views) AS views, sum(slot_searches) AS slot_searches
              FROM analytics_link_daily
              WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to AND (:linkId::uuid IS NULL OR link_id = :linkId::uuid)
              GROUP BY link_id
            ), outcomes AS (
              SELECT b.link_id,
                     count(*) FILTER (WHERE a.kind = 'CREATED') AS bookings,
                     count(*) FILTER (WHERE a.kind = 'COMPLETED') AS completed
              FROM analytics_booking_activity a
              JOIN analytics_bookings b ON b.tenant_id = a.tenant_id AND b.booking_id = a.booking_id
              WHERE a.tenant_id = :tenantId AND a.day BETWEEN :from AND :to AND a.kind IN ('CREATED', 'COMPLETED')
                AND b.link_id IS NOT NULL AND (:linkId::uuid IS NULL OR b.link_id = :linkId::uuid)
              GROUP BY b.link_id
            )
            SELECT coalesce(t.link_id, o.link_id) AS link_id, coalesce(t.views, 0) AS views,
                   coalesce(t.slot_searches, 0) AS slot_searches, coalesce(o.bookings, 0) AS bookings,
                   coalesce(o.completed, 0) AS completed
            FROM top t FULL JOIN outcomes o ON o.link_id = t.link_id
            ORDER BY 1
            """)
        .bind("tenantId", tenantId).bind("from", from).bind("to", to);
    spec = bindOrNull(spec, "linkId", linkId);
    return spec.map(row -> new LinkFunnel(row.get("link_id", UUID.class), number(row.get("views")), number(row.get("slot_searches")),
            number(row.get("bookings")), number(row.get("completed"))))
        .all();
  }

  /** Served by analytics_claim_activity_day_idx (tenant_id, day). */
  public Flux<ClaimCount> claims(UUID tenantId, LocalDate from, LocalDate to) {
    return db.sql("""
            SELECT day, payer, plan_id, kind, count(*) AS n, coalesce(sum(decision_seconds), 0) AS seconds,
                   count(decision_seconds) AS timed
            FROM analytics_claim_activity
            WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
            GROUP BY day, payer, plan_id, kind
            ORDER BY day, payer, plan_id, kind
            """)
        .bind("tenantId", tenantId).bind("from", from).bind("to", to)
        .map(row -> new ClaimCount(row.get("day", LocalDate.class), row.get("payer", String.class), row.get("plan_id", UUID.class),
            row.get("kind", String.class),
            row.get("n", Long.class), number(row.get("seconds")), row.get("timed", Long.class)))
        .all();
  }

  /** Served by the primary keys of analytics_providers and the provider index of analytics_provider_hours. */
  public Mono<List<ProviderSchedule>> schedules(UUID tenantId, UUID providerId) {
    var spec = db.sql("""
            SELECT p.provider_id, p.name, p.active, h.location_id, h.weekday, h.start_time, h.end_time
            FROM analytics_providers p
            LEFT JOIN analytics_provider_hours h ON h.tenant_id = p.tenant_id AND h.provider_id = p.provider_id
            WHERE p.tenant_id = :tenantId AND (:providerId::uuid IS NULL OR p.provider_id = :providerId::uuid)
            ORDER BY p.provider_id, h.weekday, h.start_time
            """)
        .bind("tenantId", tenantId);
    return bindOrNull(spec, "providerId", providerId)
        .map(row -> new Object[] {row.get("provider_id", UUID.class), row.get("name", String.class), row.get("active", Boolean.class),
            row.get("location_id", UUID.class) == null ? null : new Window(row.get("location_id", UUID.class),
                row.get("weekday", Short.class), row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class))})
        .all()
        .collectList()
        .map(AnalyticsReports::schedules);
  }

  private static List<ProviderSchedule> schedules(List<Object[]> rows) {
    Map<UUID, ProviderSchedule> byProvider = new LinkedHashMap<>();
    for (Object[] row : rows) {
      ProviderSchedule schedule = byProvider.computeIfAbsent((UUID) row[0],
          id -> new ProviderSchedule(id, (String) row[1], (Boolean) row[2], new ArrayList<>()));
      if (row[3] != null) {
        schedule.windows().add((Window) row[3]);
      }
    }
    return List.copyOf(byProvider.values());
  }

  /** The zones of the tenant's locations the projection knows, by location id. */
  public Mono<Map<UUID, ZoneId>> locationZones(UUID tenantId) {
    return db.sql("SELECT location_id, time_zone FROM analytics_locations WHERE tenant_id = :tenantId")
        .bind("tenantId", tenantId)
        .map(row -> Map.entry(row.get("location_id", UUID.class), ZoneId.of(row.get("time_zone", String.class))))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** Bookings holding time that start in [from, until); served by analytics_bookings_start_idx. */
  public Flux<BookedTime> booked(UUID tenantId, Instant from, Instant until, UUID providerId) {
    var spec = db.sql("""
            SELECT provider_id, location_id, start_at, end_at FROM analytics_bookings
            WHERE tenant_id = :tenantId AND start_at >= :from AND start_at < :until
              AND status IN ('CONFIRMED', 'COMPLETED', 'NO_SHOW')
              AND (:providerId::uuid IS NULL OR provider_id = :providerId::uuid)
            """)
        .bind("tenantId", tenantId).bind("from", from).bind("until", until);
    return bindOrNull(spec, "providerId", providerId)
        .map(row -> new BookedTime(row.get("provider_id", UUID.class), row.get("location_id", UUID.class),
            row.get("start_at", Instant.class), row.get("end_at", Instant.class)))
        .all();
  }

  private static DatabaseClient.GenericExecuteSpec bindOrNull(DatabaseClient.GenericExecuteSpec spec, String name, UUID value) {
    return value == null ? spec.bindNull(name, UUID.class) : spec.bind(name, value);
  }

  /** sum() over bigint is numeric in PostgreSQL. */
  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
