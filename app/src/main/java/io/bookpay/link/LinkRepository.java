package io.bookpay.link;

import io.bookpay.platform.db.SqlFile;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code links}. */
@Repository
class LinkRepository {

  private static final String COLUMNS =
      "id, tenant_id, service_id, provider_id, customer_id, prefill_name, prefill_email, prefill_phone, valid_from, expires_at,"
          + " max_uses, uses, revoked_at, created_at";

  /** The use count after a use, and the token hash (to clear caches when the link is used up). */
  record Use(int uses, Integer maxUses, ByteBuffer tokenHash) {
    boolean exhausted() {
      return maxUses != null && uses >= maxUses;
    }
  }

  /** The public side's lookup; also run by bench/burst's pgbench scripts. */
  private static final String FIND_BY_TOKEN = SqlFile.load(LinkRepository.class, "find-by-token.sql");

  private final DatabaseClient db;

  LinkRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(Link l, ByteBuffer tokenHash, UUID actor) {
    Link.Prefill p = l.prefill();
    return db.sql("""
            INSERT INTO links (id, tenant_id, token_hash, service_id, provider_id, customer_id, prefill_name, prefill_email,
                prefill_phone, valid_from, expires_at, max_uses, uses, version, created_at, updated_at, created_by, updated_by)
            VALUES (:id, :tenantId, :hash, :serviceId, :providerId, :customerId, :name, :email, :phone, :validFrom, :expiresAt,
                :maxUses, 0, 0, :at, :at, :actor, :actor)
            """)
        .bind("id", l.id()).bind("tenantId", l.tenantId()).bind("hash", tokenHash.array()).bind("serviceId", l.serviceId())
        .bind("providerId", Parameter.fromOrEmpty(l.providerId(), UUID.class))
        .bind("customerId", Parameter.fromOrEmpty(l.customerId(), UUID.class))
        .bind("name", Parameter.fromOrEmpty(p.name(), String.class))
        .bind("email", Parameter.fromOrEmpty(p.email(), String.class))
        .bind("phone", Parameter.fromOrEmpty(p.phone(), String.class))
        .bind("validFrom", Parameter.fromOrEmpty(l.validFrom(), Instant.class))
        .bind("expiresAt", Parameter.fromOrEmpty(l.expiresAt(), Instant.class))
        .bind("maxUses", Parameter.fromOrEmpty(l.maxUses(), Integer.class))
        .bind("at", l.createdAt()).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then();
  }

  /** Served by the unique index on token_hash. */
  Mono<Link> findByToken(ByteBuffer tokenHash, Instant now) {
    return db.sql(FIND_BY_TOKEN)
        .bind("hash", tokenHash.array()).map(row -> map(row, now)).one();
  }

  Mono<Link> find(UUID tenantId, UUID id, Instant now) {
    return db.sql("SELECT " + COLUMNS + " FROM links WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(row -> map(row, now)).one();
  }

  /**
   * One page in id order after the cursor; served by links_tenant_idx. The cursor
   * is bound only when the SQL names it: the driver refuses a binding without a placeholder.
   */
  Flux<Link> list(UUID tenantId, UUID after, int limit, Instant now) {
    DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM links WHERE tenant_id = :tenantId"
            + (after != null ? " AND id > :after" : "") + " ORDER BY id LIMIT :limit")
        .bind("tenantId", tenantId).bind("limit", limit);
    if (after != null) {
      spec = spec.bind("after", after);
    }
    return spec.map(row -> map(row, now)).all();
  }

  /** Revokes once; the token hash of the revoked link, to clear caches. */
  Mono<ByteBuffer> revoke(UUID tenantId, UUID id, Instant now, UUID actor) {
    return db.sql("""
            UPDATE links SET revoked_at = :now, updated_at = :now, updated_by = :actor, version = version + 1
            WHERE tenant_id = :tenantId AND id = :id AND revoked_at IS NULL
            RETURNING token_hash
            """)
        .bind("now", now).bind("actor", Parameter.fromOrEmpty(actor, UUID.class)).bind("tenantId", tenantId).bind("id", id)
        .map(row -> toBuffer(row.get("token_hash")))
        .one();
  }

  /**
   * Counts one use, if the link may still be used at {@code now}; empty otherwise. The row lock it
   * takes serialises concurrent uses of one link until the booking transaction ends.
   */
  /** A row of {@link LinkSqlFragments#USED_LINK} (use.sql), run in the booking's statement or on its own. */
  static Use use(Readable row) {
    return new Use(row.get("uses", Integer.class), row.get("max_uses", Integer.class), toBuffer(row.get("token_hash")));
  }

  private static Link map(Readable row, Instant now) {
    return new Link(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("service_id", UUID.class),
        row.get("provider_id", UUID.class), row.get("customer_id", UUID.class),
        new Link.Prefill(row.get("prefill_name", String.class), row.get("prefill_email", String.class), row.get("prefill_phone", String.class)),
        row.get("valid_from", Instant.class), row.get("expires_at", Instant.class), row.get("max_uses", Integer.class),
        row.get("uses", Integer.class), row.get("revoked_at", Instant.class), row.get("created_at", Instant.class), null).at(now);
  }

  private static ByteBuffer toBuffer(Object value) {
    if (value instanceof ByteBuffer buffer) {
      return buffer;
    }
    return ByteBuffer.wrap((byte[]) value);
  }
}
