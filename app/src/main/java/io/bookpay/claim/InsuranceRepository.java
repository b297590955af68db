package io.bookpay.claim;

import io.bookpay.claim.Insurance.Benefit;
import io.bookpay.claim.Insurance.CoverageRule;
import io.bookpay.claim.Insurance.Enrolment;
import io.bookpay.claim.Insurance.Plan;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for plans, coverage rules, benefits and enrolments. Updates and deletes name the version the
 * caller read ({@code If-Match}); they change nothing and return empty when it is not current.
 * Deletes are soft: claims keep pointing at what they were made under.
 */
@Repository
class InsuranceRepository {

  private static final String PLAN = "id, tenant_id, name, payer, plan_code, active, version, created_at, updated_at";
  private static final String RULE = "id, tenant_id, plan_id, service_id, coverage_percent, copay_amount, annual_limit_amount, currency,"
      + " version, created_at, updated_at";
  private static final String BENEFIT = "id, tenant_id, plan_id, description, discount_percent, version, created_at, updated_at";
  private static final String ENROLMENT = "id, tenant_id, plan_id, customer_id, member_number, valid_from, valid_until, version,"
      + " created_at, updated_at";

  private final DatabaseClient db;

  InsuranceRepository(DatabaseClient db) {
    this.db = db;
  }

  // --- plans ---

  Mono<Plan> insertPlan(Plan p) {
    return db.sql("""
            INSERT INTO insurance_plans (id, tenant_id, name, payer, plan_code, active, version, created_at, updated_at)
            VALUES (:id, :tenantId, :name, :payer, :code, :active, 0, :at, :at)
            """)
        .bind("id", p.id()).bind("tenantId", p.tenantId()).bind("name", p.name()).bind("payer", p.payer()).bind("code", p.planCode())
        .bind("active", p.active()).bind("at", p.createdAt()).then().thenReturn(p);
  }

  Mono<Plan> findPlan(UUID tenantId, UUID id) {
    return db.sql("SELECT " + PLAN + " FROM insurance_plans WHERE tenant_id = :tenantId AND id = :id AND deleted_at IS NULL")
        .bind("tenantId", tenantId).bind("id", id).map(InsuranceRepository::plan).one();
  }

  /** The plan's payer, also of a plan deleted since: a claim keeps the payer it was made with. */
  Mono<String> payer(UUID tenantId, UUID planId) {
    return db.sql("SELECT payer FROM insurance_plans WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", planId).map(row -> row.get("payer", String.class)).one();
  }

  Flux<Plan> plans(UUID tenantId) {
    return db.sql("SELECT " + PLAN + " FROM insurance_plans WHERE tenant_id = :tenantId AND deleted_at IS NULL ORDER BY id")
        .bind("tenantId", tenantId).map(InsuranceRepository::plan).all();
  }

  Mono<Plan> updatePlan(UUID tenantId, UUID id, long version, String name, String payer, String code, boolean active, Instant now) {
    return db.sql("""
            UPDATE insurance_plans SET name = :name, payer = :payer, plan_code = :code, active = :active, version = version + 1,
                updated_at = :now
            WHERE tenant_id = :tenantId AND id = :id AND version = :version AND deleted_at IS NULL
            """ + " RETURNING " + PLAN)
        .bind("name", name).bind("payer", payer).bind("code", code).bind("active", active).bind("now", now)
        .bind("tenantId", tenantId).bind("id", id).bind("version", version)
        .map(InsuranceRepository::plan).one();
  }

  Mono<Long> deletePlan(UUID tenantId, UUID id, long version, Instant now) {
    return softDelete("insurance_plans", tenantId, id, version, now);
  }

  // --- coverage rules ---

  Mono<CoverageRule> insertRule(CoverageRule r) {
    return db.sql("""
            INSERT INTO coverage_rules (id, tenant_id, plan_id, service_id, coverage_percent, copay_amount, annual_limit_amount, currency,
                version, created_at, updated_at)
            VALUES (:id, :tenantId, :planId, :serviceId, :percent, :copay, :limit, :currency, 0, :at, :at)
            """)
        .bind("id", r.id()).bind("tenantId", r.tenantId()).bind("planId", r.planId()).bind("serviceId", r.serviceId())
        .bind("percent", r.coveragePercent()).bind("copay", r.copayAmount())
        .bind("limit", Parameter.fromOrEmpty(r.annualLimitAmount(), Long.class)).bind("currency", r.currency()).bind("at", r.createdAt())
        .then().thenReturn(r);
  }

  Flux<CoverageRule> rules(UUID tenantId, UUID planId) {
    return db.sql("SELECT " + RULE + " FROM coverage_rules WHERE tenant_id = :tenantId AND plan_id = :planId AND deleted_at IS NULL ORDER BY id")
        .bind("tenantId", tenantId).bind("planId", planId).map(InsuranceRepository::rule).all();
  }

  Mono<CoverageRule> findRule(UUID tenantId, UUID planId, UUID id) {
    return db.sql("SELECT " + RULE + " FROM coverage_rules WHERE tenant_id = :tenantId AND plan_id = :planId AND id = :id AND deleted_at IS NULL")
        .bind("tenantId", tenantId).bind("planId", planId).bind("id", id).map(InsuranceRepository::rule).one();
  }

  Mono<CoverageRule> updateRule(UUID tenantId, UUID id, long version, BigDecimal percent, long copay, Long limit, String currency,
      Instant now) {
    return db.sql("""
            UPDATE coverage_rules SET coverage_percent = :percent, copay_amount = :copay, annual_limit_amount = :limit,
                currency = :currency, version = version + 1, updated_at = :now
            WHERE tenant_id = :tenantId AND id = :id AND version = :version AND deleted_at IS NULL
            """ + " RETURNING " + RULE)
        .bind("percent", percent).bind("copay", copay).bind("limit", Parameter.fromOrEmpty(limit, Long.class)).bind("currency", currency)
        .bind("now", now).bind("tenantId", tenantId).bind("id", id).bind("version", version)
        .map(InsuranceRepository::rule).one();
  }

  Mono<Long> deleteRule(UUID tenantId, UUID id, long version, Instant now) {
    return softDelete("coverage_rules", tenantId, id, version, now);
  }

  // --- benefits ---

  Mono<Benefit> insertBenefit(Benefit b) {
    return db.sql("""
            INSERT INTO plan_benefits (id, tenant_id, plan_id, description, discount_percent, version, created_at, updated_at)
            VALUES (:id, :tenantId, :planId, :description, :discount, 0, :at, :at)
            """)
        .bind("id", b.id()).bind("tenantId", b.tenantId()).bind("planId", b.planId()).bind("description", b.description())
        .bind("discount", b.discountPercent()).bind("at", b.createdAt())
        .then().thenReturn(b);
  }

  Flux<Benefit> benefits(UUID tenantId, UUID planId) {
    return db.sql("SELECT " + BENEFIT + " FROM plan_benefits WHERE tenant_id = :tenantId AND plan_id = :planId AND deleted_at IS NULL ORDER BY id")
        .bind("tenantId", tenantId).bind("planId", planId).map(InsuranceRepository::benefit).all();
  }

  Mono<Benefit> findBenefit(UUID tenantId, UUID planId, UUID id) {
    return db.sql("SELECT " + BENEFIT + " FROM plan_benefits WHERE tenant_id = :tenantId AND plan_id = :planId AND id = :id AND deleted_at IS NULL")
        .bind("tenantId", tenantId).bind("planId", planId).bind("id", id).map(InsuranceRepository::benefit).one();
  }

  Mono<Benefit> updateBenefit(UUID tenantId, UUID id, long version, String description, BigDecimal discount, Instant now) {
    return db.sql("""
            UPDATE plan_benefits SET description = :description, discount_percent = :discount, version = version + 1, updated_at = :now
            WHERE tenant_id = :tenantId AND id = :id AND version = :version AND deleted_at IS NULL
            """ + " RETURNING " + BENEFIT)
        .bind("description", description).bind("discount", discount).bind("now", now).bind("tenantId", tenantId).bind("id", id)
        .bind("version", version).map(InsuranceRepository::benefit).one();
  }

  Mono<Long> deleteBenefit(UUID tenantId, UUID id, long version, Instant now) {
    return softDelete("plan_benefits", tenantId, id, version, now);
  }

  // --- enrolments ---

  Mono<Enrolment> insertEnrolment(Enrolment e) {
    return db.sql("""
            INSERT INTO enrolments (id, tenant_id, plan_id, customer_id, member_number, valid_from, valid_until, version, created_at, updated_at)
            VALUES (:id, :tenantId, :planId, :customerId, :member, :from, :until, 0, :at, :at)
            """)
        .bind("id", e.id()).bind("tenantId", e.tenantId()).bind("planId", e.planId()).bind("customerId", e.customerId())
        .bind("member", e.memberNumber()).bind("from", e.validFrom()).bind("until", Parameter.fromOrEmpty(e.validUntil(), LocalDate.class))
        .bind("at", e.createdAt())
        .then().thenReturn(e);
  }

  Mono<Enrolment> findEnrolment(UUID tenantId, UUID id) {
    return db.sql("SELECT " + ENROLMENT + " FROM enrolments WHERE tenant_id = :tenantId AND id = :id AND deleted_at IS NULL")
        .bind("tenantId", tenantId).bind("id", id).map(InsuranceRepository::enrolment).one();
  }

  Flux<Enrolment> enrolments(UUID tenantId, UUID customerId, UUID planId) {
    return enrolments(tenantId, customerId, planId, null, null);
  }

  /** In id order; after {@code after} and at most {@code limit} when given (a page of the list). */
  Flux<Enrolment> enrolments(UUID tenantId, UUID customerId, UUID planId, UUID after, Integer limit) {
    StringBuilder sql = new StringBuilder("SELECT " + ENROLMENT + " FROM enrolments WHERE tenant_id = :tenantId AND deleted_at IS NULL");
    if (customerId != null) sql.append(" AND customer_id = :customerId");
    if (planId != null) sql.append(" AND plan_id = :planId");
    if (after != null) sql.append(" AND id > :after");
    sql.append(" ORDER BY id");
    if (limit != null) sql.append(" LIMIT :limit");
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("tenantId", tenantId);
    if (customerId != null) spec = spec.bind("customerId", customerId);
    if (planId != null) spec = spec.bind("planId", planId);
    if (after != null) spec = spec.bind("after", after);
    if (limit != null) spec = spec.bind("limit", limit);
    return spec.map(InsuranceRepository::enrolment).all();
  }

  Mono<Enrolment> updateEnrolment(UUID tenantId, UUID id, long version, String member, LocalDate from, LocalDate until, Instant now) {
    return db.sql("""
            UPDATE enrolments SET member_number = :member, valid_from = :from, valid_until = :until, version = version + 1, updated_at = :now
            WHERE tenant_id = :tenantId AND id = :id AND version = :version AND deleted_at IS NULL
            """ + " RETURNING " + ENROLMENT)
        .bind("member", member).bind("from", from).bind("until", Parameter.fromOrEmpty(until, LocalDate.class)).bind("now", now)
        .bind("tenantId", tenantId).bind("id", id).bind("version", version)
        .map(InsuranceRepository::enrolment).one();
  }

  Mono<Long> deleteEnrolment(UUID tenantId, UUID id, long version, Instant now) {
    return softDelete("enrolments", tenantId, id, version, now);
  }

  /** Locks the enrolment for the transaction: a member's claims are submitted one at a time, so the annual limit holds. */
  Mono<Enrolment> lockEnrolment(UUID id) {
    return db.sql("SELECT " + ENROLMENT + " FROM enrolments WHERE id = :id FOR UPDATE").bind("id", id).map(InsuranceRepository::enrolment).one();
  }

  private Mono<Long> softDelete(String table, UUID tenantId, UUID id, long version, Instant now) {
    return db.sql("UPDATE " + table + " SET deleted_at = :now, version = version + 1"
            + " WHERE tenant_id = :tenantId AND id = :id AND version = :version AND deleted_at IS NULL")
        .bind("now", now).bind("tenantId", tenantId).bind("id", id).bind("version", version)
        .fetch().rowsUpdated();
  }

  static Plan plan(Readable r) {
    return new Plan(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("name", String.class), r.get("payer", String.class),
        r.get("plan_code", String.class), Boolean.TRUE.equals(r.get("active", Boolean.class)), r.get("version", Long.class),
        r.get("created_at", Instant.class), r.get("updated_at", Instant.class));
  }

  static CoverageRule rule(Readable r) {
    return new CoverageRule(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("plan_id", UUID.class),
        r.get("service_id", UUID.class), r.get("coverage_percent", BigDecimal.class).stripTrailingZeros(), r.get("copay_amount", Long.class),
        r.get("annual_limit_amount", Long.class), r.get("currency", String.class), r.get("version", Long.class),
        r.get("created_at", Instant.class), r.get("updated_at", Instant.class));
  }

  static Benefit benefit(Readable r) {
    return new Benefit(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("plan_id", UUID.class),
        r.get("description", String.class), r.get("discount_percent", BigDecimal.class).stripTrailingZeros(), r.get("version", Long.class),
        r.get("created_at", Instant.class), r.get("updated_at", Instant.class));
  }

  static Enrolment enrolment(Readable r) {
    return new Enrolment(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("plan_id", UUID.class),
        r.get("customer_id", UUID.class), r.get("member_number", String.class), r.get("valid_from", LocalDate.class),
        r.get("valid_until", LocalDate.class), r.get("version", Long.class), r.get("created_at", Instant.class),
        r.get("updated_at", Instant.class));
  }
}
