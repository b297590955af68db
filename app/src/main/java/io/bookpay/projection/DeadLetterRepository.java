package io.bookpay.projection;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the parked events and closes them; parking itself is {@link ProjectionStore#park}. */
@Component
class DeadLetterRepository {

  private static final String COLUMNS = """
      id, consumer, event_id, event_type, tenant_id, occurred_at, topic, kafka_partition, kafka_offset, error, attempts,
      created_at, updated_at, envelope::text AS envelope
      """;

  private final DatabaseClient db;

  DeadLetterRepository(DatabaseClient db) {
    this.db = db;
  }

  /** Oldest first (ids are time-ordered), after {@code afterId}; served by the primary key. */
  Flux<DeadLetter> page(String consumer, UUID afterId, int limit) {
    DatabaseClient.GenericExecuteSpec query = db.sql("SELECT " + COLUMNS + """
            FROM projection_dead_letters
            WHERE (:consumer::text IS NULL OR consumer = :consumer::text) AND (:after::uuid IS NULL OR id > :after::uuid)
            ORDER BY id
            LIMIT :limit
            """)
        .bind("limit", limit);
    query = consumer == null ? query.bindNull("consumer", String.class) : query.bind("consumer", consumer);
    query = afterId == null ? query.bindNull("after", UUID.class) : query.bind("after", afterId);
    return query.map(DeadLetterRepository::read).all();
  }

  Mono<DeadLetter> find(UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM projection_dead_letters WHERE id = :id")
        .bind("id", id)
        .map(DeadLetterRepository::read)
        .all()
        .collectList()
        .flatMap(rows -> rows.isEmpty() ? Mono.empty() : Mono.just(rows.get(0)));
  }

  Mono<Void> delete(UUID id) {
    return db.sql("DELETE FROM projection_dead_letters WHERE id = :id").bind("id", id).then();
  }

  /** A retry failed again: one more attempt, and its error. */
  Mono<Void> failedAgain(UUID id, String error) {
    return db.sql("UPDATE projection_dead_letters SET attempts = attempts + 1, error = :error WHERE id = :id")
        .bind("id", id).bind("error", error).then();
  }

  private static DeadLetter read(Readable row) {
    return new DeadLetter(
        row.get("id", UUID.class),
        row.get("consumer", String.class),
        row.get("event_id", UUID.class),
        row.get("event_type", String.class),
        row.get("tenant_id", UUID.class),
        row.get("occurred_at", Instant.class),
        row.get("topic", String.class),
        row.get("kafka_partition", Integer.class),
        row.get("kafka_offset", Long.class),
        row.get("error", String.class),
        row.get("attempts", Integer.class),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class),
        row.get("envelope", String.class));
  }
}
