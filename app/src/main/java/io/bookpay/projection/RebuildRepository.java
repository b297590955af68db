package io.bookpay.projection;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@code projection_rebuilds}: one row per rebuild, its phase, its count of events and its outcome. */
@Repository
class RebuildRepository {

  /** A rebuild as stored. */
  record Rebuild(UUID id, String consumer, String state, String phase, Instant startedAt, Instant finishedAt, long eventsReplayed,
      String error) {}

  private final DatabaseClient db;

  RebuildRepository(DatabaseClient db) {
    this.db = db;
  }

  /** Fails with a unique violation (23505) while another rebuild of the consumer is RUNNING. */
  Mono<Void> insert(UUID id, String consumer, Instant startedAt) {
    return db.sql("""
            INSERT INTO projection_rebuilds (id, consumer, state, phase, started_at) VALUES (:id, :consumer, 'RUNNING', 'PREPARING', :startedAt)
            """)
        .bind("id", id).bind("consumer", consumer).bind("startedAt", startedAt).then();
  }

  Mono<Void> progress(UUID id, String phase, long eventsReplayed) {
    return db.sql("UPDATE projection_rebuilds SET phase = :phase, events_replayed = :events WHERE id = :id AND state = 'RUNNING'")
        .bind("id", id).bind("phase", phase).bind("events", eventsReplayed).then();
  }

  Mono<Void> fail(UUID id, long eventsReplayed, String error) {
    return db.sql("""
            UPDATE projection_rebuilds SET state = 'FAILED', finished_at = now(), events_replayed = :events, error = :error
            WHERE id = :id AND state = 'RUNNING'
            """)
        .bind("id", id).bind("events", eventsReplayed).bind("error", error).then();
  }

  /** Marks the consumer's RUNNING rebuild FAILED: called only by whoever holds the rebuild lock, so nobody runs it. */
  Mono<Long> failAbandoned(String consumer, String error) {
    return db.sql("""
            UPDATE projection_rebuilds SET state = 'FAILED', finished_at = now(), error = :error
            WHERE consumer = :consumer AND state = 'RUNNING'
            """)
        .bind("consumer", consumer).bind("error", error).fetch().rowsUpdated();
  }

  /** Served by projection_rebuilds_consumer_idx. */
  Mono<Rebuild> latest(String consumer) {
    return db.sql("""
            SELECT id, consumer, state, phase, started_at, finished_at, events_replayed, error FROM projection_rebuilds
            WHERE consumer = :consumer ORDER BY started_at DESC LIMIT 1
            """)
        .bind("consumer", consumer)
        .map(RebuildRepository::rebuild)
        .one();
  }

  private static Rebuild rebuild(Readable row) {
    return new Rebuild(row.get("id", UUID.class), row.get("consumer", String.class), row.get("state", String.class),
        row.get("phase", String.class), row.get("started_at", Instant.class), row.get("finished_at", Instant.class),
        row.get("events_replayed", Long.class), row.get("error", String.class));
  }
}
