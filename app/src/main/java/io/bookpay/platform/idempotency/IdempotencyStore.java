package io.bookpay.platform.idempotency;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The {@code idempotency_keys} table. A key is claimed by inserting it IN_FLIGHT; the primary key
 * makes exactly one of several concurrent requests the owner. An expired row, or an IN_FLIGHT row
 * whose owner died (its lease ran out), is taken over by the next claim.
 */
@Repository
class IdempotencyStore {

  /** What a claim found. {@code record} is set for REPLAY. */
  enum Claim { OWNED, REPLAY, MISMATCH, IN_FLIGHT, OUTCOME_UNKNOWN }

  record Stored(int status, String headers, byte[] body) {}

  record Result(Claim claim, Stored stored) {}

  private final DatabaseClient db;

  IdempotencyStore(DatabaseClient db) {
    this.db = db;
  }

  Mono<Result> claim(String scope, String key, byte[] requestHash, Instant now, Duration lease, Duration retention) {
    return db.sql("""
            INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, status, created_at, locked_until, expires_at)
            VALUES (:scope, :key, :hash, 'IN_FLIGHT', :now, :lockedUntil, :expiresAt)
            ON CONFLICT (scope, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 'IN_FLIGHT',
                response_status = NULL, response_headers = NULL, response_body = NULL, created_at = EXCLUDED.created_at,
                locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
              WHERE idempotency_keys.expires_at <= :now
                 OR (idempotency_keys.status = 'IN_FLIGHT' AND idempotency_keys.locked_until <= :now
                     AND NOT idempotency_keys.effects_committed)
            RETURNING 1 AS claimed
            """)
        .bind("scope", scope).bind("key", key).bind("hash", ByteBuffer.wrap(requestHash)).bind("now", now)
        .bind("lockedUntil", now.plus(lease)).bind("expiresAt", now.plus(retention))
        .map(row -> new Result(Claim.OWNED, null)).all().collectList()
        .flatMap(rows -> rows.isEmpty() ? existing(scope, key, requestHash, now) : Mono.just(rows.get(0)));
  }

  private Mono<Result> existing(String scope, String key, byte[] requestHash, Instant now) {
    return db.sql("""
            SELECT request_hash, status, response_status, response_headers::text AS headers, response_body, locked_until,
                   effects_committed
            FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key
            """)
        .bind("scope", scope).bind("key", key)
        .map(row -> {
          byte[] hash = bytes(row.get("request_hash", ByteBuffer.class));
          if (!java.security.MessageDigest.isEqual(hash, requestHash)) {
            return new Result(Claim.MISMATCH, null);
          }
          if ("IN_FLIGHT".equals(row.get("status", String.class))) {
            boolean abandoned = !row.get("locked_until", Instant.class).isAfter(now);
            return new Result(abandoned && Boolean.TRUE.equals(row.get("effects_committed", Boolean.class))
                ? Claim.OUTCOME_UNKNOWN : Claim.IN_FLIGHT, null);
          }
          ByteBuffer body = row.get("response_body", ByteBuffer.class);
          return new Result(Claim.REPLAY, new Stored(row.get("response_status", Integer.class), row.get("headers", String.class),
              body == null ? new byte[0] : bytes(body)));
        })
        .all().collectList()
        .flatMap(rows -> rows.isEmpty() ? Mono.empty() : Mono.just(rows.get(0)));
  }

  /** Keeps the answer of the request that holds the key; never another request's (a later one with the same key). */
  Mono<Void> complete(String scope, String key, byte[] requestHash, int status, String headersJson, byte[] body) {
    return db.sql("""
            UPDATE idempotency_keys SET status = 'COMPLETED', response_status = :status, response_headers = :headers::jsonb,
                response_body = :body
            WHERE scope = :scope AND idempotency_key = :key AND status = 'IN_FLIGHT' AND request_hash = :hash
            """)
        .bind("status", status).bind("headers", headersJson).bind("body", ByteBuffer.wrap(body))
        .bind("scope", scope).bind("key", key).bind("hash", ByteBuffer.wrap(requestHash))
        .then();
  }

  /**
   * Frees a key whose request ended without an answer worth keeping, so the client can retry with
   * it; false (and nothing deleted) when the request had changed data already.
   */
  Mono<Boolean> release(String scope, String key, byte[] requestHash) {
    return db.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key AND status = 'IN_FLIGHT'"
            + " AND request_hash = :hash AND NOT effects_committed")
        .bind("scope", scope).bind("key", key).bind("hash", ByteBuffer.wrap(requestHash))
        .fetch().rowsUpdated().map(n -> n > 0);
  }

  Mono<Long> deleteExpired(Instant now, int limit) {
    return db.sql("""
            DELETE FROM idempotency_keys WHERE ctid IN (
              SELECT ctid FROM idempotency_keys WHERE expires_at <= :now LIMIT :limit)
            """)
        .bind("now", now).bind("limit", limit)
        .fetch().rowsUpdated();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
