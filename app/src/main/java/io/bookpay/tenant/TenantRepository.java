package io.bookpay.tenant;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
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

  /** The oldest tenant with this exact name; serves the local demo, which reuses its tenant. */
  Mono<Tenant> findByName(String name) {
    return db.sql("SELECT id, name, created_at FROM tenants WHERE name = :name ORDER BY created_at LIMIT 1")
        .bind("name", name)
        .map(row -> new Tenant(row.get("id", UUID.class), row.get("name", String.class), row.get("created_at", Instant.class)))
        .one();
  }
}
