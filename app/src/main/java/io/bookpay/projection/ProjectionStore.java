package io.bookpay.projection;

import io.bookpay.platform.db.DatabaseProperties;
import io.bookpay.platform.kafka.ConsumedEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of exactly-once application: the ids each consumer applied ({@code processed_events}),
 * where it stands per partition ({@code projection_positions}) and the events it parked
 * ({@code projection_dead_letters}). Every write runs in the caller's transaction.
 */
@Component
class ProjectionStore {

  private final DatabaseClient db;
  private final String schema;

  ProjectionStore(DatabaseClient db, DatabaseProperties database) {
    this.db = db;
    this.schema = database.schema();
  }

  /**
   * Takes the consumer's switch lock, shared, until the transaction ends: every live batch does,
   * and a rebuild's switch takes it exclusively ({@link #holdSwitchExclusive}), so the switch waits
   * for the batch in flight and the next batch waits for the switch. Keyed by schema too, as
   * installs may share a database.
   */
  Mono<Void> holdSwitchShared(String consumer) {
    return db.sql("SELECT pg_advisory_xact_lock_shared(hashtext('bookpay.projection-switch'), hashtext(:key))")
        .bind("key", schema + ":" + consumer).then();
  }

  Mono<Void> holdSwitchExclusive(String consumer) {
    return db.sql("SELECT pg_advisory_xact_lock(hashtext('bookpay.projection-switch'), hashtext(:key))")
        .bind("key", schema + ":" + consumer).then();
  }

  /** Records the ids as applied by the consumer; emits those it had not applied before. */
  Flux<UUID> markProcessed(String consumer, Collection<UUID> eventIds) {
    return db.sql("""
            INSERT INTO processed_events (consumer, event_id)
            SELECT :consumer, id FROM unnest(:ids::uuid[]) AS t(id)
            ON CONFLICT DO NOTHING
            RETURNING event_id
            """)
        .bind("consumer", consumer)
        .bind("ids", eventIds.toArray(UUID[]::new))
        .map(row -> row.get("event_id", UUID.class))
        .all();
  }

  /** Moves the consumer's stored position of each partition in the batch past its last record. */
  Mono<Void> advance(String consumer, List<ConsumedEvent> batch) {
    Map<TopicPartition, long[]> last = new HashMap<>(); // partition -> {next offset, newest occurredAt millis}
    for (ConsumedEvent e : batch) {
      long[] at = last.computeIfAbsent(new TopicPartition(e.topic(), e.partition()), p -> new long[] {0, Long.MIN_VALUE});
      at[0] = Math.max(at[0], e.offset() + 1);
      at[1] = Math.max(at[1], e.event().occurredAt().toEpochMilli());
    }
    if (last.isEmpty()) {
      return Mono.empty();
    }
    int n = last.size();
    String[] topics = new String[n];
    Integer[] partitions = new Integer[n];
    Long[] offsets = new Long[n];
    String[] times = new String[n];
    int i = 0;
    for (Map.Entry<TopicPartition, long[]> entry : last.entrySet()) {
      topics[i] = entry.getKey().topic();
      partitions[i] = entry.getKey().partition();
      offsets[i] = entry.getValue()[0];
      times[i++] = Instant.ofEpochMilli(entry.getValue()[1]).toString();
    }
    return db.sql("""
            INSERT INTO projection_positions (consumer, topic, kafka_partition, next_offset, last_event_at)
            SELECT :consumer, t.topic, t.part, t.next_offset, t.last_event_at
            FROM unnest(:topics::text[], :partitions::int[], :offsets::bigint[], :times::text[]::timestamptz[])
                 AS t(topic, part, next_offset, last_event_at)
            ON CONFLICT (consumer, topic, kafka_partition) DO UPDATE
              SET next_offset = EXCLUDED.next_offset,
                  last_event_at = GREATEST(projection_positions.last_event_at, EXCLUDED.last_event_at)
            """)
        .bind("consumer", consumer)
        .bind("topics", topics)
        .bind("partitions", partitions)
        .bind("offsets", offsets)
        .bind("times", times)
        .then();
  }

  /** The stored next offsets of the given partitions (those the consumer has a row for). */
  Mono<Map<TopicPartition, Long>> positions(String consumer, Collection<TopicPartition> partitions) {
    String[] topics = partitions.stream().map(TopicPartition::topic).toArray(String[]::new);
    Integer[] numbers = partitions.stream().map(TopicPartition::partition).toArray(Integer[]::new);
    return db.sql("""
            SELECT p.topic, p.kafka_partition, p.next_offset
            FROM projection_positions p
            JOIN unnest(:topics::text[], :partitions::int[]) AS t(topic, part)
              ON p.topic = t.topic AND p.kafka_partition = t.part
            WHERE p.consumer = :consumer
            """)
        .bind("consumer", consumer)
        .bind("topics", topics)
        .bind("partitions", numbers)
        .map(row -> Map.entry(new TopicPartition(row.get("topic", String.class), row.get("kafka_partition", Integer.class)),
            row.get("next_offset", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** The newest occurredAt the consumer applied, over all partitions; empty before its first batch. */
  Mono<Instant> newestApplied(String consumer) {
    return db.sql("SELECT max(last_event_at) AS newest FROM projection_positions WHERE consumer = :consumer")
        .bind("consumer", consumer)
        .map(row -> java.util.Optional.ofNullable(row.get("newest", Instant.class)))
        .all()
        .collectList()
        .flatMap(rows -> Mono.justOrEmpty(rows.get(0)));
  }

  /** Parks an event; parking it again (a repeat that fails again) counts one more attempt. */
  Mono<Void> park(UUID id, String consumer, ConsumedEvent consumed, String envelopeJson, String error) {
    return db.sql("""
            INSERT INTO projection_dead_letters (id, consumer, event_id, tenant_id, event_type, occurred_at, topic,
                kafka_partition, kafka_offset, envelope, error)
            VALUES (:id, :consumer, :eventId, :tenantId, :type, :occurredAt, :topic, :partition, :offset, :envelope::jsonb, :error)
            ON CONFLICT (consumer, event_id) DO UPDATE
              SET error = EXCLUDED.error, attempts = projection_dead_letters.attempts + 1, topic = EXCLUDED.topic,
                  kafka_partition = EXCLUDED.kafka_partition, kafka_offset = EXCLUDED.kafka_offset
            """)
        .bind("id", id)
        .bind("consumer", consumer)
        .bind("eventId", consumed.event().eventId())
        .bind("tenantId", consumed.event().tenantId())
        .bind("type", consumed.event().type())
        .bind("occurredAt", consumed.event().occurredAt())
        .bind("topic", consumed.topic())
        .bind("partition", consumed.partition())
        .bind("offset", consumed.offset())
        .bind("envelope", envelopeJson)
        .bind("error", error)
        .then();
  }

  /** Marks a savepoint in the current transaction (the batch's one-event-at-a-time pass). */
  Mono<Void> savepoint() {
    return db.sql("SAVEPOINT projection_event").then();
  }

  Mono<Void> releaseSavepoint() {
    return db.sql("RELEASE SAVEPOINT projection_event").then();
  }

  Mono<Void> rollbackToSavepoint() {
    return db.sql("ROLLBACK TO SAVEPOINT projection_event").then();
  }

  /** Deletes up to {@code limit} processed-event ids older than {@code before}; emits how many. */
  Mono<Long> pruneProcessed(Instant before, int limit) {
    return db.sql("""
            DELETE FROM processed_events WHERE ctid IN (
              SELECT ctid FROM processed_events WHERE processed_at < :before LIMIT :limit)
            """)
        .bind("before", before)
        .bind("limit", limit)
        .fetch().rowsUpdated();
  }
}
