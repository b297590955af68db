package io.bookpay.tenant;

import io.bookpay.platform.db.SqlFile;
import io.r2dbc.spi.Readable;
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

  /** Also run by bench/burst's pgbench scripts. */
  private static final String FIND = SqlFile.load(TenantRepository.class, "find.sql");

  private static final String COLUMNS =
      "id, name, time_zone, version, created_at, updated_at, display_name, brand_color, logo_url, contact_email, contact_phone, address";

  Mono<Void> insert(Tenant tenant) {
    return db.sql("""
            INSERT INTO tenants (id, name, time_zone, version, created_at, updated_at)
            VALUES (:id, :name, :zone, :version, :createdAt, :createdAt)
            """)
        .bind("id", tenant.id())
        .bind("name", tenant.name())
        .bind("zone", tenant.timeZone())
        .bind("version", tenant.version())
        .bind("createdAt", tenant.createdAt())
        .then();
  }

  Mono<Tenant> find(UUID id) {
    return db.sql(FIND)
        .bind("id", id)
        .map(TenantRepository::map)
        .one();
  }

  /** The tenant's row, locked until the caller's transaction ends. */
  Mono<Tenant> findForUpdate(UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM tenants WHERE id = :id FOR UPDATE")
        .bind("id", id)
        .map(TenantRepository::map)
        .one();
  }

  /** Writes the profile and bumps the version; the caller holds the row lock and checked the version. */
  Mono<Tenant> updateProfile(Tenant t, Instant at) {
    return db.sql("""
            UPDATE tenants SET name = :name, time_zone = :zone, display_name = :displayName, brand_color = :brandColor,
                logo_url = :logoUrl, contact_email = :contactEmail, contact_phone = :contactPhone, address = :address,
                version = version + 1, updated_at = :at
            WHERE id = :id
            """ + " RETURNING " + COLUMNS)
        .bind("name", t.name())
        .bind("zone", t.timeZone())
        .bind("displayName", Parameter.fromOrEmpty(t.displayName(), String.class))
        .bind("brandColor", Parameter.fromOrEmpty(t.brandColor(), String.class))
        .bind("logoUrl", Parameter.fromOrEmpty(t.logoUrl(), String.class))
        .bind("contactEmail", Parameter.fromOrEmpty(t.contactEmail(), String.class))
        .bind("contactPhone", Parameter.fromOrEmpty(t.contactPhone(), String.class))
        .bind("address", Parameter.fromOrEmpty(t.address(), String.class))
        .bind("at", at)
        .bind("id", t.id())
        .map(TenantRepository::map)
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
            SELECT id, name, time_zone, version, created_at, updated_at, display_name, brand_color, logo_url, contact_email,
              contact_phone, address FROM tenants
            WHERE (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid))
            ORDER BY id LIMIT :limit
            """)
        .bind("after", Parameter.fromOrEmpty(afterId, UUID.class))
        .bind("limit", limit)
        .map(TenantRepository::map)
        .all();
  }

  /** The oldest tenant with this exact name; serves the local demo, which reuses its tenant. */
  Mono<Tenant> findByName(String name) {
    return db.sql("SELECT " + COLUMNS + " FROM tenants WHERE name = :name ORDER BY created_at LIMIT 1")
        .bind("name", name)
        .map(TenantRepository::map)
        .one();
  }

  private static Tenant map(Readable row) {
    return new Tenant(row.get("id", UUID.class), row.get("name", String.class), row.get("time_zone", String.class),
        row.get("version", Long.class), row.get("created_at", Instant.class), row.get("updated_at", Instant.class),
        row.get("display_name", String.class), row.get("brand_color", String.class), row.get("logo_url", String.class),
        row.get("contact_email", String.class), row.get("contact_phone", String.class), row.get("address", String.class));
  }
}
