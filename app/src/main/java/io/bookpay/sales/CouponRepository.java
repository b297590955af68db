package io.bookpay.sales;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for coupons and their redemptions. */
@Repository
class CouponRepository {

  private static final String COLUMNS = "id, tenant_id, code, kind, percent_off, amount_off, currency, valid_from, valid_until,"
      + " max_redemptions, max_per_customer, redemptions, active, created_at";

  private final DatabaseClient db;

  CouponRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Coupon> insert(Coupon c) {
    return db.sql("""
            INSERT INTO coupons (id, tenant_id, code, kind, percent_off, amount_off, currency, valid_from, valid_until,
                max_redemptions, max_per_customer, redemptions, active, created_at)
            VALUES (:id, :tenantId, :code, :kind, :percentOff, :amountOff, :currency, :validFrom, :validUntil,
                :maxRedemptions, :maxPerCustomer, 0, true, :createdAt)
            """)
        .bind("id", c.id()).bind("tenantId", c.tenantId()).bind("code", c.code()).bind("kind", c.kind())
        .bind("percentOff", Parameter.fromOrEmpty(c.percentOff(), Integer.class))
        .bind("amountOff", Parameter.fromOrEmpty(c.amountOff(), Long.class))
        .bind("currency", Parameter.fromOrEmpty(c.currency(), String.class))
        .bind("validFrom", Parameter.fromOrEmpty(c.validFrom(), Instant.class))
        .bind("validUntil", Parameter.fromOrEmpty(c.validUntil(), Instant.class))
        .bind("maxRedemptions", Parameter.fromOrEmpty(c.maxRedemptions(), Integer.class))
        .bind("maxPerCustomer", Parameter.fromOrEmpty(c.maxPerCustomer(), Integer.class))
        .bind("createdAt", c.createdAt())
        .then().thenReturn(c);
  }

  Mono<Coupon> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM coupons WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(CouponRepository::map).one();
  }

  Mono<Coupon> findByCode(UUID tenantId, String code) {
    return db.sql("SELECT " + COLUMNS + " FROM coupons WHERE tenant_id = :tenantId AND code = :code")
        .bind("tenantId", tenantId).bind("code", code).map(CouponRepository::map).one();
  }

  Flux<Coupon> list(UUID tenantId) {
    return db.sql("SELECT " + COLUMNS + " FROM coupons WHERE tenant_id = :tenantId ORDER BY id")
        .bind("tenantId", tenantId).map(CouponRepository::map).all();
  }

  Mono<Coupon> deactivate(UUID tenantId, UUID id) {
    return db.sql("UPDATE coupons SET active = false WHERE tenant_id = :tenantId AND id = :id RETURNING " + COLUMNS)
        .bind("tenantId", tenantId).bind("id", id).map(CouponRepository::map).one();
  }

  /**
   * Takes one redemption if any is left. The update locks the coupon's row until the transaction
   * ends, so every redemption of one coupon is serialised: the count and the per-customer check
   * that follow see all the others. Empty when the coupon is used up.
   */
  Mono<Coupon> takeRedemption(UUID id) {
    return db.sql("""
            UPDATE coupons SET redemptions = redemptions + 1
            WHERE id = :id AND (max_redemptions IS NULL OR redemptions < max_redemptions)
            """ + " RETURNING " + COLUMNS)
        .bind("id", id).map(CouponRepository::map).one();
  }

  Mono<Long> redemptionsBy(UUID couponId, UUID customerId) {
    return db.sql("SELECT count(*) AS n FROM coupon_redemptions WHERE coupon_id = :couponId AND customer_id = :customerId")
        .bind("couponId", couponId).bind("customerId", customerId).map(row -> row.get("n", Long.class)).one();
  }

  Mono<Void> recordRedemption(UUID couponId, UUID invoiceId, UUID customerId, long amount, Instant at) {
    return db.sql("""
            INSERT INTO coupon_redemptions (coupon_id, invoice_id, customer_id, amount, created_at)
            VALUES (:couponId, :invoiceId, :customerId, :amount, :at)
            """)
        .bind("couponId", couponId).bind("invoiceId", invoiceId).bind("customerId", customerId).bind("amount", amount)
        .bind("at", at).then();
  }

  /** Gives a voided invoice's redemption back. */
  Mono<Void> release(UUID couponId, UUID invoiceId) {
    return db.sql("DELETE FROM coupon_redemptions WHERE coupon_id = :couponId AND invoice_id = :invoiceId")
        .bind("couponId", couponId).bind("invoiceId", invoiceId).fetch().rowsUpdated()
        .flatMap(n -> n == 0 ? Mono.<Void>empty() : db.sql("UPDATE coupons SET redemptions = redemptions - 1 WHERE id = :id")
            .bind("id", couponId).then());
  }

  static Coupon map(Readable row) {
    return new Coupon(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("code", String.class),
        row.get("kind", String.class), row.get("percent_off", Integer.class), row.get("amount_off", Long.class),
        row.get("currency", String.class), row.get("valid_from", Instant.class), row.get("valid_until", Instant.class),
        row.get("max_redemptions", Integer.class), row.get("max_per_customer", Integer.class),
        row.get("redemptions", Integer.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
        row.get("created_at", Instant.class));
  }
}
