package io.bookpay.tenant;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code tenants}. */
@Repository
class TenantRepository {

  private final DatabaseClient db;

  TenantRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(Tenant tenant) {
    return db.sql("INSERT INTO tenants (id, name, created_at) VALUES (:id, :name, :createdAt)")
        .bind("id", tenant.id())
        .bind("name", tenant.name())
        .bind("createdAt", tenant.createdAt())
        .then();
  }

  Mono<Tenant> find(UUID id) {
    return db.sql("SELECT id, name, created_at FROM tenants WHERE id = :id")
        .bind("id", id)
        .map(row -> new Tenant(row.get("id", UUID.class), row.get("name", String.class), row.get("created_at", Instant.class)))
        .one();
  }

  /** Locks the tenant's row until the caller's transaction ends; completes empty either way. */
  Mono<Void> lock(UUID id) {
    return db.sql("SELECT id FROM tenants WHERE id = :id FOR UPDATE").bind("id", id).fetch().all().then();
  }

  /** A page in id order (ids are time-ordered), after {@code afterId} when given; served by the primary key. */
  Flux<Tenant> page(UUID afterId, int limit) {
    return db.sql(
            """
            SELECT id, name, created_at FROM tenants
            WHERE (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid))
            ORDER BY id LIMIT :limit
            """)
        .bind("after", Parameter.fromOrEmpty(afterId, UUID.class))
        .bind("limit", limit)
        .map(row -> new Tenant(row.get("id", UUID.class), row.get("name", String.class), row.get("created_at", Instant.class)))
        .all();
  }

  /** The oldest tenant with this exact name; serves the local demo, which reuses its tenant. */
  Mono<Tenant> findByName(String name) {
    return db.sql("SELECT id, name, created_at FROM tenants WHERE name = :name ORDER BY created_at LIMIT 1")
        .bind("name", name)
        .map(row -> new Tenant(row.get("id", UUID.class), row.get("name", String.class), row.get("created_at", Instant.class)))
        .one();
  }
}
