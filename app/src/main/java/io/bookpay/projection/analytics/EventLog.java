package io.bookpay.projection.analytics;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.analytics.CustomEventRecorded;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code analytics_events}: every event the analytics consumer applies, as one row of ids and
 * values (tenant, type, time, customer, link, session, the payload without personal data, see
 * {@link PersonalData}), and its export. A custom event's row has the tenant's own type, the time
 * the client gave and the client's data; a domain event's row has its wire name, its envelope time
 * and its payload.
 */
@Component
public class EventLog {

  /** Rows fetched per round trip while an export streams: the export never holds more than this. */
  static final int EXPORT_FETCH_SIZE = 500;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String EXPORT_COLUMNS =
      "SELECT event_id, event_type, occurred_at, customer_id, link_id, session_id, data::text AS data FROM analytics_events";

  /** One exported row; {@code data} is its JSON text. */
  public record Row(UUID eventId, String type, Instant occurredAt, UUID customerId, UUID linkId, String sessionId, String data) {}

  private final DatabaseClient db;

  EventLog(DatabaseClient db) {
    this.db = db;
  }

  /** One event as the log keeps it; {@code data} is JSON text without personal data. */
  record Stored(UUID eventId, UUID tenantId, String type, Instant occurredAt, String aggregateType, UUID aggregateId, UUID customerId,
      UUID linkId, String sessionId, String data) {

    static Stored of(EventEnvelope e) {
      if (e.payload() instanceof CustomEventRecorded custom) {
        JsonNode data = custom.data() == null ? JsonNodeFactory.instance.objectNode() : PersonalData.scrub(custom.data());
        return new Stored(e.eventId(), e.tenantId(), custom.eventType(), custom.occurredAt(), e.aggregateType(), e.aggregateId(),
            custom.customerId(), custom.linkId(), custom.sessionId(), JSON.writeValueAsString(data));
      }
      JsonNode payload = e.payload() == null ? JsonNodeFactory.instance.objectNode() : JSON.valueToTree(e.payload());
      return new Stored(e.eventId(), e.tenantId(), e.type(), e.occurredAt(), e.aggregateType(), e.aggregateId(),
          id(payload, "customerId"), id(payload, "linkId"), null, JSON.writeValueAsString(PersonalData.scrub(payload)));
    }
  }

  /**
   * Stores the batch's events in the caller's transaction, one statement. The primary key drops an
   * event stored before (a redelivery), so this is idempotent on its own.
   */
  Mono<Void> append(List<EventEnvelope> batch) {
    if (batch.isEmpty()) {
      return Mono.empty();
    }
    List<Stored> rows = batch.stream().map(Stored::of).toList();
    return db.sql("""
            INSERT INTO analytics_events (event_id, tenant_id, event_type, occurred_at, aggregate_type, aggregate_id,
                                          customer_id, link_id, session_id, data)
            SELECT e.event_id, e.tenant_id, e.event_type, e.occurred_at, e.aggregate_type, e.aggregate_id,
                   e.customer_id, e.link_id, e.session_id, e.data::jsonb
            FROM unnest(:eventIds::uuid[], :tenantIds::uuid[], :types::text[], :occurredAt::timestamptz[], :aggregateTypes::text[],
                        :aggregateIds::uuid[], :customers::uuid[], :links::uuid[], :sessions::text[], :data::text[])
                 AS e(event_id, tenant_id, event_type, occurred_at, aggregate_type, aggregate_id, customer_id, link_id, session_id, data)
            ON CONFLICT (event_id) DO NOTHING
            """)
        .bind("eventIds", column(rows, Stored::eventId, UUID[]::new))
        .bind("tenantIds", column(rows, Stored::tenantId, UUID[]::new))
        .bind("types", column(rows, Stored::type, String[]::new))
        .bind("occurredAt", column(rows, Stored::occurredAt, Instant[]::new))
        .bind("aggregateTypes", column(rows, Stored::aggregateType, String[]::new))
        .bind("aggregateIds", column(rows, Stored::aggregateId, UUID[]::new))
        .bind("customers", column(rows, Stored::customerId, UUID[]::new))
        .bind("links", column(rows, Stored::linkId, UUID[]::new))
        .bind("sessions", column(rows, Stored::sessionId, String[]::new))
        .bind("data", column(rows, Stored::data, String[]::new))
        .then();
  }

  private static <T> T[] column(List<Stored> rows, Function<Stored, T> field, IntFunction<T[]> array) {
    return rows.stream().map(field).toArray(array);
  }

  /**
   * The tenant's events with {@code from <= occurredAt < to}, of one type or all, oldest first,
   * streamed: rows are fetched {@value #EXPORT_FETCH_SIZE} at a time as the consumer asks for them.
   * Served by analytics_events_type_idx with a type, analytics_events_time_idx without.
   */
  public Flux<Row> export(UUID tenantId, Instant from, Instant to, String type) {
    String where = " WHERE tenant_id = :tenantId AND occurred_at >= :from AND occurred_at < :to";
    DatabaseClient.GenericExecuteSpec spec = type == null
        ? db.sql(EXPORT_COLUMNS + where + " ORDER BY occurred_at, event_id")
        : db.sql(EXPORT_COLUMNS + where + " AND event_type = :type ORDER BY occurred_at, event_id").bind("type", type);
    return spec.bind("tenantId", tenantId).bind("from", from).bind("to", to)
        .filter(statement -> statement.fetchSize(EXPORT_FETCH_SIZE))
        .map(EventLog::row)
        .all();
  }

  private static Row row(Readable r) {
    return new Row(r.get("event_id", UUID.class), r.get("event_type", String.class), r.get("occurred_at", Instant.class),
        r.get("customer_id", UUID.class), r.get("link_id", UUID.class), r.get("session_id", String.class), r.get("data", String.class));
  }

  /** A UUID member of the payload or of an object one level down (e.g. a booking's or a payment's facts). */
  static UUID id(JsonNode payload, String field) {
    UUID top = uuid(payload.get(field));
    if (top != null) {
      return top;
    }
    for (var member : payload.properties()) {
      if (member.getValue().isObject()) {
        UUID nested = uuid(member.getValue().get(field));
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  private static UUID uuid(JsonNode node) {
    if (node == null || !node.isString()) {
      return null;
    }
    try {
      return UUID.fromString(node.asString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
