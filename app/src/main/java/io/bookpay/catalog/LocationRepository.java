package io.bookpay.catalog;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code locations}. */
@Repository
class LocationRepository {

  private static final String COLUMNS = "id, tenant_id, name, time_zone, address, active, version, created_at, updated_at";

  private final DatabaseClient db;

  LocationRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(Location l, UUID actor) {
    return db.sql("""
            INSERT INTO locations (id, tenant_id, name, time_zone, address, active, version, created_at, updated_at, created_by, updated_by)
            VALUES (:id, :tenantId, :name, :zone, :address, true, 0, :at, :at, :actor, :actor)
            """)
        .bind("id", l.id()).bind("tenantId", l.tenantId()).bind("name", l.name()).bind("zone", l.timeZone())
        .bind("address", Parameter.fromOrEmpty(l.address(), String.class)).bind("at", l.createdAt())
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then();
  }

  Mono<Location> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM locations WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(LocationRepository::map).one();
  }

  Flux<Location> findAll(UUID tenantId, Collection<UUID> ids) {
    return db.sql("SELECT " + COLUMNS + " FROM locations WHERE tenant_id = :tenantId AND id = ANY(:ids)")
        .bind("tenantId", tenantId).bind("ids", ids.toArray(UUID[]::new)).map(LocationRepository::map).all();
  }

  Flux<Location> list(UUID tenantId) {
    return db.sql("SELECT " + COLUMNS + " FROM locations WHERE tenant_id = :tenantId ORDER BY id")
        .bind("tenantId", tenantId).map(LocationRepository::map).all();
  }

  /** Updates only the version the caller read; empty when that version is no longer current. */
  Mono<Location> update(UUID tenantId, UUID id, long expectedVersion, LocationInput input, Instant at, UUID actor) {
    return db.sql("""
            UPDATE locations SET name = :name, time_zone = :zone, address = :address, version = version + 1,
                   updated_at = :at, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id AND version = :version
            """ + " RETURNING " + COLUMNS)
        .bind("name", input.name().trim()).bind("zone", input.timeZone())
        .bind("address", Parameter.fromOrEmpty(input.address(), String.class)).bind("at", at)
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .bind("tenantId", tenantId).bind("id", id).bind("version", expectedVersion)
        .map(LocationRepository::map).one();
  }

  Mono<Location> deactivate(UUID tenantId, UUID id, Instant at, UUID actor) {
    return db.sql("""
            UPDATE locations SET active = false, version = version + CASE WHEN active THEN 1 ELSE 0 END,
                   updated_at = :at, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id
            """ + " RETURNING " + COLUMNS)
        .bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .bind("tenantId", tenantId).bind("id", id)
        .map(LocationRepository::map).one();
  }

  private static Location map(Readable row) {
    return new Location(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
        row.get("time_zone", String.class), row.get("address", String.class), row.get("active", Boolean.class),
        row.get("version", Long.class), row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
  }
}
