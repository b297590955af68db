package io.bookpay.sales;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for package definitions and purchases, membership tiers and memberships. */
@Repository
class PlanRepository {

  private static final String PACKAGE = "id, tenant_id, name, service_id, sessions, price_amount, currency, active, created_at";
  private static final String PURCHASE =
      "id, tenant_id, package_id, customer_id, invoice_id, service_id, sessions_total, sessions_remaining, sessions_reversed, created_at";
  private static final String TIER = "id, tenant_id, name, price_amount, currency, period, active, created_at";
  private static final String MEMBERSHIP = "id, tenant_id, tier_id, customer_id, invoice_id, status, price_amount, currency, period,"
      + " starts_at, ends_at, ended_at, created_at";

  private final DatabaseClient db;

  PlanRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<PackageDefinition> insertPackage(PackageDefinition p) {
    return db.sql("""
            INSERT INTO package_definitions (id, tenant_id, name, service_id, sessions, price_amount, currency, active, created_at)
            VALUES (:id, :tenantId, :name, :serviceId, :sessions, :price, :currency, true, :at)
            """)
        .bind("id", p.id()).bind("tenantId", p.tenantId()).bind("name", p.name()).bind("serviceId", p.serviceId())
        .bind("sessions", p.sessions()).bind("price", p.priceAmount()).bind("currency", p.currency()).bind("at", p.createdAt())
        .then().thenReturn(p);
  }

  Mono<PackageDefinition> findPackage(UUID tenantId, UUID id) {
    return db.sql("SELECT " + PACKAGE + " FROM package_definitions WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(PlanRepository::packageDefinition).one();
  }

  Flux<PackageDefinition> packages(UUID tenantId) {
    return db.sql("SELECT " + PACKAGE + " FROM package_definitions WHERE tenant_id = :tenantId ORDER BY id")
        .bind("tenantId", tenantId).map(PlanRepository::packageDefinition).all();
  }

  Mono<PackagePurchase> insertPurchase(PackagePurchase p) {
    return db.sql("""
            INSERT INTO package_purchases (id, tenant_id, package_id, customer_id, invoice_id, service_id, sessions_total,
                sessions_remaining, created_at)
            VALUES (:id, :tenantId, :packageId, :customerId, :invoiceId, :serviceId, :total, :total, :at)
            """)
        .bind("id", p.id()).bind("tenantId", p.tenantId()).bind("packageId", p.packageId()).bind("customerId", p.customerId())
        .bind("invoiceId", p.invoiceId()).bind("serviceId", p.serviceId()).bind("total", p.sessionsTotal()).bind("at", p.createdAt())
        .then().thenReturn(p);
  }

  Mono<PackagePurchase> findPurchase(UUID tenantId, UUID id) {
    return db.sql("SELECT " + PURCHASE + " FROM package_purchases WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(PlanRepository::purchase).one();
  }

  Flux<PackagePurchase> purchases(UUID tenantId, UUID customerId) {
    return db.sql("SELECT " + PURCHASE + " FROM package_purchases WHERE tenant_id = :tenantId AND customer_id = :customerId ORDER BY id")
        .bind("tenantId", tenantId).bind("customerId", customerId).map(PlanRepository::purchase).all();
  }

  /** Uses one session if any is left; empty otherwise. The row lock serialises concurrent redemptions. */
  Mono<PackagePurchase> useSession(UUID id) {
    return db.sql("""
            UPDATE package_purchases SET sessions_remaining = sessions_remaining - 1
            WHERE id = :id AND sessions_remaining > 0
            """ + " RETURNING " + PURCHASE)
        .bind("id", id).map(PlanRepository::purchase).one();
  }

  Mono<Void> recordRedemption(UUID purchaseId, UUID bookingId, Instant at) {
    return db.sql("INSERT INTO package_redemptions (purchase_id, booking_id, at) VALUES (:purchaseId, :bookingId, :at)")
        .bind("purchaseId", purchaseId).bind("bookingId", bookingId).bind("at", at).then();
  }

  Mono<MembershipTier> insertTier(MembershipTier t) {
    return db.sql("""
            INSERT INTO membership_tiers (id, tenant_id, name, price_amount, currency, period, active, created_at)
            VALUES (:id, :tenantId, :name, :price, :currency, :period, true, :at)
            """)
        .bind("id", t.id()).bind("tenantId", t.tenantId()).bind("name", t.name()).bind("price", t.priceAmount())
        .bind("currency", t.currency()).bind("period", t.period()).bind("at", t.createdAt())
        .then().thenReturn(t);
  }

  Mono<MembershipTier> findTier(UUID tenantId, UUID id) {
    return db.sql("SELECT " + TIER + " FROM membership_tiers WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(PlanRepository::tier).one();
  }

  Flux<MembershipTier> tiers(UUID tenantId) {
    return db.sql("SELECT " + TIER + " FROM membership_tiers WHERE tenant_id = :tenantId ORDER BY id")
        .bind("tenantId", tenantId).map(PlanRepository::tier).all();
  }

  Mono<Membership> insertMembership(Membership m) {
    return db.sql("""
            INSERT INTO memberships (id, tenant_id, tier_id, customer_id, invoice_id, status, price_amount, currency, period,
                starts_at, ends_at, created_at)
            VALUES (:id, :tenantId, :tierId, :customerId, :invoiceId, 'ACTIVE', :price, :currency, :period, :startsAt, :endsAt, :at)
            """)
        .bind("id", m.id()).bind("tenantId", m.tenantId()).bind("tierId", m.tierId()).bind("customerId", m.customerId())
        .bind("invoiceId", Parameter.fromOrEmpty(m.invoiceId(), UUID.class)).bind("price", m.priceAmount())
        .bind("currency", m.currency()).bind("period", m.period()).bind("startsAt", m.startsAt()).bind("endsAt", m.endsAt())
        .bind("at", m.createdAt())
        .then().thenReturn(m);
  }

  Mono<Membership> findMembership(UUID tenantId, UUID id) {
    return db.sql("SELECT " + MEMBERSHIP + " FROM memberships WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(PlanRepository::membership).one();
  }

  Flux<Membership> memberships(UUID tenantId, UUID customerId) {
    return db.sql("SELECT " + MEMBERSHIP + " FROM memberships WHERE tenant_id = :tenantId AND customer_id = :customerId ORDER BY id")
        .bind("tenantId", tenantId).bind("customerId", customerId).map(PlanRepository::membership).all();
  }

  Mono<Membership> endMembership(UUID tenantId, UUID id, Instant now) {
    return db.sql("UPDATE memberships SET status = 'ENDED', ended_at = :now WHERE tenant_id = :tenantId AND id = :id AND status = 'ACTIVE'"
            + " RETURNING " + MEMBERSHIP)
        .bind("now", now).bind("tenantId", tenantId).bind("id", id).map(PlanRepository::membership).one();
  }

  /** Ends up to {@code limit} ACTIVE memberships of any tenant whose paid end has passed; rows another sweeper holds are skipped. */
  Flux<Membership> endLapsed(Instant now, int limit) {
    return db.sql("""
            WITH lapsed AS (
              SELECT id FROM memberships WHERE status = 'ACTIVE' AND ends_at <= :now
              ORDER BY ends_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            UPDATE memberships m SET status = 'ENDED', ended_at = m.ends_at
            FROM lapsed WHERE m.id = lapsed.id
            RETURNING m.id, m.tenant_id, m.tier_id, m.customer_id, m.invoice_id, m.status, m.price_amount, m.currency, m.period,
                      m.starts_at, m.ends_at, m.ended_at, m.created_at
            """)
        .bind("now", now).bind("limit", limit).map(PlanRepository::membership).all();
  }

  /** The purchases an invoice sold, locked in id order (for a refund that takes sessions back). */
  Flux<PackagePurchase> lockPurchasesSoldOn(UUID invoiceId) {
    return db.sql("SELECT " + PURCHASE + " FROM package_purchases WHERE invoice_id = :invoiceId ORDER BY id FOR UPDATE")
        .bind("invoiceId", invoiceId).map(PlanRepository::purchase).all();
  }

  /** The memberships an invoice sold, locked in id order (for a refund that takes paid time back). */
  Flux<Membership> lockMembershipsSoldOn(UUID invoiceId) {
    return db.sql("SELECT " + MEMBERSHIP + " FROM memberships WHERE invoice_id = :invoiceId ORDER BY id FOR UPDATE")
        .bind("invoiceId", invoiceId).map(PlanRepository::membership).all();
  }

  /** Moves {@code sessions} unused sessions to reversed; negative gives them back. Empty if too few are unused. */
  Mono<PackagePurchase> reverseSessions(UUID id, int sessions) {
    return db.sql("UPDATE package_purchases SET sessions_remaining = sessions_remaining - :n, sessions_reversed = sessions_reversed + :n"
            + " WHERE id = :id AND sessions_remaining >= :n AND sessions_reversed + :n >= 0 RETURNING " + PURCHASE)
        .bind("n", sessions).bind("id", id).map(PlanRepository::purchase).one();
  }

  /**
   * Moves an ACTIVE membership's paid end to {@code endsAt}; when that is not after {@code now} it ends
   * at once. The end never reaches its start (a CHECK), so a full refund leaves it one microsecond long.
   */
  Mono<Membership> shorten(UUID id, Instant endsAt, Instant now) {
    return db.sql("""
            UPDATE memberships SET ends_at = GREATEST(:endsAt, starts_at + interval '1 microsecond'),
                status = CASE WHEN :endsAt <= :now THEN 'ENDED' ELSE status END,
                ended_at = CASE WHEN :endsAt <= :now THEN :now ELSE ended_at END
            WHERE id = :id AND status = 'ACTIVE'
            """ + " RETURNING " + MEMBERSHIP)
        .bind("endsAt", endsAt).bind("now", now).bind("id", id).map(PlanRepository::membership).one();
  }

  Mono<Membership> restore(UUID id, Instant endsAt, boolean reactivate) {
    return db.sql("UPDATE memberships SET ends_at = :endsAt"
            + (reactivate ? ", status = 'ACTIVE', ended_at = NULL" : "") + " WHERE id = :id RETURNING " + MEMBERSHIP)
        .bind("endsAt", endsAt).bind("id", id).map(PlanRepository::membership).one();
  }

  static PackageDefinition packageDefinition(Readable r) {
    return new PackageDefinition(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("name", String.class),
        r.get("service_id", UUID.class), r.get("sessions", Integer.class), r.get("price_amount", Long.class),
        r.get("currency", String.class), Boolean.TRUE.equals(r.get("active", Boolean.class)), r.get("created_at", Instant.class));
  }

  static PackagePurchase purchase(Readable r) {
    return new PackagePurchase(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("package_id", UUID.class),
        r.get("customer_id", UUID.class), r.get("invoice_id", UUID.class), r.get("service_id", UUID.class),
        r.get("sessions_total", Integer.class), r.get("sessions_remaining", Integer.class), r.get("sessions_reversed", Integer.class),
        r.get("created_at", Instant.class));
  }

  static MembershipTier tier(Readable r) {
    return new MembershipTier(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("name", String.class),
        r.get("price_amount", Long.class), r.get("currency", String.class), r.get("period", String.class),
        Boolean.TRUE.equals(r.get("active", Boolean.class)), r.get("created_at", Instant.class));
  }

  static Membership membership(Readable r) {
    return new Membership(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("tier_id", UUID.class),
        r.get("customer_id", UUID.class), r.get("invoice_id", UUID.class), r.get("status", String.class),
        r.get("price_amount", Long.class), r.get("currency", String.class), r.get("period", String.class),
        r.get("starts_at", Instant.class), r.get("ends_at", Instant.class), r.get("ended_at", Instant.class),
        r.get("created_at", Instant.class));
  }
}
