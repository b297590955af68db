package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import io.bookpay.projection.Projection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The consumer group {@code analytics}: writes and reads {@code analytics_daily}, keeps every
 * event in the {@link EventLog} and hands each batch to the rollups ({@link AnalyticsRollups}).
 * {@link io.bookpay.projection.Projections} calls {@link #apply} inside the batch's transaction with
 * only the events not applied before, so a redelivered event (in a later batch or twice in one
 * batch) changes nothing; the log also drops repeats by its own key.
 */
@Component
public class AnalyticsProjection implements Projection {

  public static final String CONSUMER = "analytics";

  /** One row of the projection. */
  public record DailyCount(LocalDate day, String eventType, long count) {}

  private final DatabaseClient db;
  private final EventLog log;
  private final AnalyticsRollups rollups;

  AnalyticsProjection(DatabaseClient db, EventLog log, AnalyticsRollups rollups) {
    this.db = db;
    this.log = log;
    this.rollups = rollups;
  }

  /** The tenants' current zones: a rebuild puts every event on the tenant's day in the zone it has now. */
  @Override
  public List<String> seededFromLive() {
    return List.of("analytics_tenant_zones");
  }

  @Override
  public String consumer() {
    return CONSUMER;
  }

  /** Days of {@code analytics_daily} are UTC days of the event's occurrence; the rollups use the tenant's zone. */
  @Override
  public Mono<Void> apply(List<EventEnvelope> batch) {
    if (batch.isEmpty()) {
      return Mono.empty();
    }
    int n = batch.size();
    UUID[] eventIds = new UUID[n];
    UUID[] tenantIds = new UUID[n];
    String[] types = new String[n];
    LocalDate[] days = new LocalDate[n];
    for (int i = 0; i < n; i++) {
      EventEnvelope event = batch.get(i);
      eventIds[i] = event.eventId();
      tenantIds[i] = event.tenantId();
      types[i] = event.type();
      days[i] = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
    }
    return log.append(batch).then(db.sql(
            """
            WITH incoming AS (
              SELECT DISTINCT ON (event_id) event_id, tenant_id, event_type, day
              FROM unnest(:eventIds::uuid[], :tenantIds::uuid[], :types::text[], :days::date[])
                   AS t(event_id, tenant_id, event_type, day)
            )
            INSERT INTO analytics_daily (tenant_id, day, event_type, count)
            SELECT i.tenant_id, i.day, i.event_type, count(*)
            FROM incoming i
            GROUP BY i.tenant_id, i.day, i.event_type
            ON CONFLICT (tenant_id, day, event_type) DO UPDATE SET count = analytics_daily.count + EXCLUDED.count
            """)
        .bind("eventIds", eventIds)
        .bind("tenantIds", tenantIds)
        .bind("types", types)
        .bind("days", days)
        .then())
        .then(rollups.apply(batch));
  }

  /** Served by the primary key (tenant_id, day, event_type). */
  public Flux<DailyCount> daily(UUID tenantId, LocalDate from, LocalDate to) {
    return db.sql(
            """
            SELECT day, event_type, count FROM analytics_daily
            WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
            ORDER BY day, event_type
            """)
        .bind("tenantId", tenantId)
        .bind("from", from)
        .bind("to", to)
        .map(row -> new DailyCount(row.get("day", LocalDate.class), row.get("event_type", String.class), row.get("count", Long.class)))
        .all();
  }
}
