package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes and reads {@code analytics_daily}, and keeps every event in the {@link EventLog}. A batch
 * is applied in one transaction: the event ids go into {@code processed_events} and only the ones
 * new there are counted, so a redelivered event (in a later batch or twice in one batch) changes
 * nothing; the log drops repeats by its own key.
 */
@Component
public class AnalyticsProjection {

  static final String CONSUMER = "analytics";

  /** One row of the projection. */
  public record DailyCount(LocalDate day, String eventType, long count) {}

  private final DatabaseClient db;
  private final EventLog log;
  private final TransactionalOperator tx;

  AnalyticsProjection(DatabaseClient db, EventLog log, TransactionalOperator tx) {
    this.db = db;
    this.log = log;
    this.tx = tx;
  }

  /** Days are UTC days of the event's occurrence. */
  Mono<Void> apply(List<EventEnvelope> batch) {
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
            ), fresh AS (
              INSERT INTO processed_events (consumer, event_id)
              SELECT :consumer, event_id FROM incoming
              ON CONFLICT DO NOTHING
              RETURNING event_id
            )
            INSERT INTO analytics_daily (tenant_id, day, event_type, count)
            SELECT i.tenant_id, i.day, i.event_type, count(*)
            FROM incoming i JOIN fresh f ON f.event_id = i.event_id
            GROUP BY i.tenant_id, i.day, i.event_type
            ON CONFLICT (tenant_id, day, event_type) DO UPDATE SET count = analytics_daily.count + EXCLUDED.count
            """)
        .bind("eventIds", eventIds)
        .bind("tenantIds", tenantIds)
        .bind("types", types)
        .bind("days", days)
        .bind("consumer", CONSUMER)
        .then())
        .as(tx::transactional);
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
