package io.bookpay.dashboard;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for {@code dashboard_sessions}. */
@Repository
class SessionRepository {

  /** A live session's row. */
  record Row(UUID tenantId, UUID apiKeyId, Instant lastSeenAt) {}

  private final DatabaseClient db;

  SessionRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(byte[] tokenHash, UUID tenantId, UUID apiKeyId, Instant at, Instant expiresAt) {
    return db.sql(
            """
            INSERT INTO dashboard_sessions (token_hash, tenant_id, api_key_id, created_at, expires_at, last_seen_at)
            VALUES (:hash, :tenantId, :apiKeyId, :at, :expiresAt, :at)
            """)
        .bind("hash", tokenHash)
        .bind("tenantId", tenantId)
        .bind("apiKeyId", apiKeyId)
        .bind("at", at)
        .bind("expiresAt", expiresAt)
        .then();
  }

  /** The session, unless it has passed its absolute end or been idle since {@code idleSince}. Served by the primary key. */
  Mono<Row> findLive(byte[] tokenHash, Instant now, Instant idleSince) {
    return db.sql(
            """
            SELECT tenant_id, api_key_id, last_seen_at FROM dashboard_sessions
            WHERE token_hash = :hash AND expires_at > :now AND last_seen_at > :idleSince
            """)
        .bind("hash", tokenHash)
        .bind("now", now)
        .bind("idleSince", idleSince)
        .map(row -> new Row(row.get("tenant_id", UUID.class), row.get("api_key_id", UUID.class), row.get("last_seen_at", Instant.class)))
        .one();
  }

  Mono<Void> touch(byte[] tokenHash, Instant at) {
    return db.sql("UPDATE dashboard_sessions SET last_seen_at = :at WHERE token_hash = :hash AND last_seen_at < :at")
        .bind("at", at)
        .bind("hash", tokenHash)
        .then();
  }

  Mono<Void> delete(byte[] tokenHash) {
    return db.sql("DELETE FROM dashboard_sessions WHERE token_hash = :hash").bind("hash", tokenHash).then();
  }

  /** Deletes up to {@code limit} sessions that ended by {@code now} or went idle before {@code idleSince}. */
  Mono<Integer> deleteEnded(Instant now, Instant idleSince, int limit) {
    return db.sql(
            """
            DELETE FROM dashboard_sessions WHERE token_hash IN (
              SELECT token_hash FROM dashboard_sessions WHERE expires_at <= :now OR last_seen_at <= :idleSince
              LIMIT :limit FOR UPDATE SKIP LOCKED)
            """)
        .bind("now", now)
        .bind("idleSince", idleSince)
        .bind("limit", limit)
        .fetch()
        .rowsUpdated()
        .map(Long::intValue);
  }
}
