package io.bookpay.catalog;

import io.bookpay.platform.db.SqlFile;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code services}. Soft-deleted rows are invisible to every query here. */
@Repository
class OfferingRepository {

  /** The public side's statements; also run by bench/burst's pgbench scripts. */
  private static final String FIND = SqlFile.load(OfferingRepository.class, "offering.sql");
  private static final String DESCRIBE = SqlFile.load(OfferingRepository.class, "describe.sql");

  private static final String COLUMNS =
      "id, tenant_id, name, duration_minutes, price_amount, currency, buffer_before_minutes, buffer_after_minutes,"
          + " min_notice_minutes, max_advance_days, slot_interval_minutes, active, version, created_at, updated_at";

  private final DatabaseClient db;

  OfferingRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(Offering o, UUID actor) {
    return db.sql("""
            INSERT INTO services (id, tenant_id, name, duration_minutes, price_amount, currency, buffer_before_minutes,
                buffer_after_minutes, min_notice_minutes, max_advance_days, slot_interval_minutes, active, version,
                created_at, updated_at, created_by, updated_by)
            VALUES (:id, :tenantId, :name, :duration, :price, :currency, :before, :after, :notice, :advance, :interval,
                true, 0, :at, :at, :actor, :actor)
            """)
        .bind("id", o.id()).bind("tenantId", o.tenantId()).bind("name", o.name()).bind("duration", o.durationMinutes())
        .bind("price", o.priceAmount()).bind("currency", o.currency()).bind("before", o.bufferBeforeMinutes())
        .bind("after", o.bufferAfterMinutes()).bind("notice", o.minNoticeMinutes()).bind("advance", o.maxAdvanceDays())
        .bind("interval", o.slotIntervalMinutes()).bind("at", o.createdAt())
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then();
  }

  Mono<Offering> find(UUID tenantId, UUID id) {
    return db.sql(FIND)
        .bind("tenantId", tenantId).bind("id", id).map(OfferingRepository::map).one();
  }

  Flux<Offering> findAll(UUID tenantId, Collection<UUID> ids) {
    return db.sql("SELECT " + COLUMNS + " FROM services WHERE tenant_id = :tenantId AND id = ANY(:ids) AND deleted_at IS NULL")
        .bind("tenantId", tenantId).bind("ids", ids.toArray(UUID[]::new)).map(OfferingRepository::map).all();
  }

  Flux<Offering> list(UUID tenantId) {
    return db.sql("SELECT " + COLUMNS + " FROM services WHERE tenant_id = :tenantId AND deleted_at IS NULL ORDER BY id")
        .bind("tenantId", tenantId).map(OfferingRepository::map).all();
  }

  /** A service and whether it is soft-deleted. */
  record WithDeleted(Offering offering, boolean deleted) {}

  /** Every service of the tenant, soft-deleted ones too (for a backfill's snapshots). */
  Flux<WithDeleted> listWithDeleted(UUID tenantId) {
    return db.sql("SELECT " + COLUMNS + ", deleted_at IS NOT NULL AS deleted FROM services WHERE tenant_id = :tenantId ORDER BY id")
        .bind("tenantId", tenantId).map(row -> new WithDeleted(map(row), row.get("deleted", Boolean.class))).all();
  }

  Mono<Offering> update(UUID tenantId, UUID id, long expectedVersion, OfferingInput in, Instant at, UUID actor) {
    return db.sql("""
            UPDATE services SET name = :name, duration_minutes = :duration, price_amount = :price, currency = :currency,
                buffer_before_minutes = :before, buffer_after_minutes = :after, min_notice_minutes = :notice,
                max_advance_days = :advance, slot_interval_minutes = :interval, version = version + 1,
                updated_at = :at, updated_by = :actor
            WHERE tenant_id = :tenantId AND id = :id AND version = :version AND deleted_at IS NULL
            """ + " RETURNING " + COLUMNS)
        .bind("name", in.name().trim()).bind("duration", in.durationMinutes()).bind("price", in.priceAmount())
        .bind("currency", in.currency()).bind("before", OfferingInput.orZero(in.bufferBeforeMinutes()))
        .bind("after", OfferingInput.orZero(in.bufferAfterMinutes())).bind("notice", OfferingInput.orZero(in.minNoticeMinutes()))
        .bind("advance", in.maxAdvanceDays() == null ? 90 : in.maxAdvanceDays()).bind("interval", in.interval())
        .bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .bind("tenantId", tenantId).bind("id", id).bind("version", expectedVersion)
        .map(OfferingRepository::map).one();
  }

  /** Deactivates, or with {@code delete} also soft-deletes; returns the row as it was left. */
  Mono<Offering> retire(UUID tenantId, UUID id, boolean delete, Instant at, UUID actor) {
    return db.sql("""
            UPDATE services SET active = false, version = version + 1, updated_at = :at, updated_by = :actor,
                deleted_at = CASE WHEN :delete THEN :at ELSE deleted_at END
            WHERE tenant_id = :tenantId AND id = :id AND deleted_at IS NULL
            """ + " RETURNING " + COLUMNS)
        .bind("at", at).bind("actor", Parameter.fromOrEmpty(actor, UUID.class)).bind("delete", delete)
        .bind("tenantId", tenantId).bind("id", id)
        .map(OfferingRepository::map).one();
  }

  /** One query for a public page: the service, the provider's name, and a time zone to show. */
  Mono<PublicDescription> describe(UUID tenantId, UUID serviceId, UUID providerId) {
    return db.sql(DESCRIBE)
        .bind("tenantId", tenantId).bind("serviceId", serviceId).bind("providerId", Parameter.fromOrEmpty(providerId, UUID.class))
        .map(row -> new PublicDescription(row.get("service_name", String.class), row.get("duration_minutes", Integer.class),
            row.get("price_amount", Long.class), row.get("currency", String.class), row.get("active", Boolean.class),
            row.get("provider_name", String.class), row.get("time_zone", String.class), row.get("location_name", String.class),
            row.get("address", String.class)))
        .one();
  }

  private static Offering map(Readable row) {
    return new Offering(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
        row.get("duration_minutes", Integer.class), row.get("price_amount", Long.class), row.get("currency", String.class),
        row.get("buffer_before_minutes", Integer.class), row.get("buffer_after_minutes", Integer.class),
        row.get("min_notice_minutes", Integer.class), row.get("max_advance_days", Integer.class),
        row.get("slot_interval_minutes", Integer.class), row.get("active", Boolean.class), row.get("version", Long.class),
        row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
  }
}
