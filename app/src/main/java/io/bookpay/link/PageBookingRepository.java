package io.bookpay.link;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for {@code link_page_bookings}: bookings made on a link's page, found by the hash of their page token. */
@Repository
class PageBookingRepository {

  /** A booking made on a link's page. */
  record Row(UUID tenantId, UUID linkId, UUID bookingId, boolean contactConsent, Instant createdAt) {}

  private final DatabaseClient db;

  PageBookingRepository(DatabaseClient db) {
    this.db = db;
  }

  /** In the booking's transaction; a second row for the same token (a double tap) fails on the primary key. */
  Mono<Void> insert(ByteBuffer tokenHash, UUID tenantId, UUID linkId, UUID bookingId, boolean consent, Instant at) {
    return db.sql("""
            INSERT INTO link_page_bookings (token_hash, tenant_id, link_id, booking_id, contact_consent, created_at)
            VALUES (:hash, :tenantId, :linkId, :bookingId, :consent, :at)
            """)
        .bind("hash", tokenHash.array()).bind("tenantId", tenantId).bind("linkId", linkId).bind("bookingId", bookingId)
        .bind("consent", consent).bind("at", at)
        .then();
  }

  /** Served by the primary key: the token is the credential, so no tenant is known before this lookup. */
  Mono<Row> find(ByteBuffer tokenHash) {
    return db.sql("SELECT tenant_id, link_id, booking_id, contact_consent, created_at FROM link_page_bookings WHERE token_hash = :hash")
        .bind("hash", tokenHash.array())
        .map(row -> new Row(row.get("tenant_id", UUID.class), row.get("link_id", UUID.class), row.get("booking_id", UUID.class),
            Boolean.TRUE.equals(row.get("contact_consent", Boolean.class)), row.get("created_at", Instant.class)))
        .one();
  }
}
