package io.bookpay.platform.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code api_keys}. */
@Repository
class ApiKeyRepository {

  /** A key row as authentication needs it. */
  record StoredKey(UUID id, UUID tenantId, byte[] hash, String[] scopes) {}

  private final DatabaseClient db;

  ApiKeyRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(UUID id, UUID tenantId, String name, String prefix, byte[] hash, List<String> scopes, Instant at, UUID createdBy) {
    return db.sql(
            """
            INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_at, created_by)
            VALUES (:id, :tenantId, :name, :prefix, :hash, :scopes, :at, :createdBy)
            """)
        .bind("id", id)
        .bind("tenantId", tenantId)
        .bind("name", name)
        .bind("prefix", prefix)
        .bind("hash", hash)
        .bind("scopes", scopes.toArray(String[]::new))
        .bind("at", at)
        .bind("createdBy", Parameter.fromOrEmpty(createdBy, UUID.class))
        .then();
  }

  /** Served by the unique index on prefix. */
  Mono<StoredKey> findActiveByPrefix(String prefix) {
    return db.sql("SELECT id, tenant_id, key_hash, scopes FROM api_keys WHERE prefix = :prefix AND revoked_at IS NULL")
        .bind("prefix", prefix)
        .map(row -> new StoredKey(
            row.get("id", UUID.class),
            row.get("tenant_id", UUID.class),
            toBytes(row.get("key_hash")),
            row.get("scopes", String[].class)))
        .one();
  }

  /** The scopes of one of the tenant's keys that is not revoked; empty when revoked or unknown. Served by the primary key. */
  Mono<String[]> findActive(UUID tenantId, UUID id) {
    return db.sql("SELECT scopes FROM api_keys WHERE id = :id AND tenant_id = :tenantId AND revoked_at IS NULL")
        .bind("id", id)
        .bind("tenantId", tenantId)
        .map(row -> row.get("scopes", String[].class))
        .one();
  }

  /** A tenant's keys in id order, which is creation order (ids are time-ordered). */
  Flux<ApiKey> list(UUID tenantId) {
    return db.sql(
            """
            SELECT id, name, prefix, scopes, created_at, revoked_at FROM api_keys
            WHERE tenant_id = :tenantId ORDER BY id
            """)
        .bind("tenantId", tenantId)
        .map(row -> new ApiKey(
            row.get("id", UUID.class),
            row.get("name", String.class),
            row.get("prefix", String.class),
            Arrays.asList(row.get("scopes", String[].class)),
            row.get("created_at", Instant.class),
            row.get("revoked_at", Instant.class)))
        .all();
  }

  /** Revokes once; a second revoke finds nothing to change and reports false. */
  Mono<Boolean> revoke(UUID tenantId, UUID id, Instant at) {
    return db.sql("UPDATE api_keys SET revoked_at = :at WHERE tenant_id = :tenantId AND id = :id AND revoked_at IS NULL")
        .bind("at", at)
        .bind("tenantId", tenantId)
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .map(count -> count > 0);
  }

  /** The scopes of one of the tenant's keys, revoked or not; empty when it has no such key. */
  Mono<List<String>> scopes(UUID tenantId, UUID id) {
    return db.sql("SELECT scopes FROM api_keys WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId)
        .bind("id", id)
        .map(row -> Arrays.asList(row.get("scopes", String[].class)))
        .one();
  }

  Mono<Boolean> exists(UUID tenantId, UUID id) {
    return db.sql("SELECT 1 FROM api_keys WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId)
        .bind("id", id)
        .map(row -> true)
        .one()
        .defaultIfEmpty(false);
  }

  private static byte[] toBytes(Object value) {
    if (value instanceof java.nio.ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
    return (byte[]) value;
  }
}
