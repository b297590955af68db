package io.bookpay.claim;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for claims, their items, status history and documents. */
@Repository
class ClaimRepository {

  private static final String COLUMNS = "id, tenant_id, customer_id, plan_id, enrolment_id, booking_id, invoice_id, status, currency,"
      + " service_date, claimed_amount, expected_covered_amount, approved_amount, payment_id, notes, version, created_at, updated_at";
  private static final String DOCUMENT = "id, claim_id, filename, content_type, size_bytes, sha256, store, created_at";

  private final DatabaseClient db;

  ClaimRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(Claim c, UUID actor) {
    return db.sql("""
            INSERT INTO claims (id, tenant_id, customer_id, plan_id, enrolment_id, booking_id, invoice_id, status, currency, service_date,
                claimed_amount, expected_covered_amount, notes, version, created_at, updated_at, created_by)
            VALUES (:id, :tenantId, :customerId, :planId, :enrolmentId, :bookingId, :invoiceId, 'DRAFT', :currency, :serviceDate,
                :claimed, :expected, :notes, 0, :at, :at, :actor)
            """)
        .bind("id", c.id()).bind("tenantId", c.tenantId()).bind("customerId", c.customerId()).bind("planId", c.planId())
        .bind("enrolmentId", c.enrolmentId()).bind("bookingId", Parameter.fromOrEmpty(c.bookingId(), UUID.class))
        .bind("invoiceId", Parameter.fromOrEmpty(c.invoiceId(), UUID.class)).bind("currency", c.currency())
        .bind("serviceDate", c.serviceDate()).bind("claimed", c.claimedAmount()).bind("expected", c.expectedCoveredAmount())
        .bind("notes", Parameter.fromOrEmpty(c.notes(), String.class)).bind("at", c.createdAt())
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then()
        .then(replaceItems(c.id(), c.items()));
  }

  Mono<Void> replaceItems(UUID claimId, List<Claim.Item> items) {
    int n = items.size();
    Integer[] positions = new Integer[n];
    UUID[] services = new UUID[n];
    Long[] amounts = new Long[n];
    Long[] covered = new Long[n];
    for (int i = 0; i < n; i++) {
      positions[i] = i + 1;
      services[i] = items.get(i).serviceId();
      amounts[i] = items.get(i).amount();
      covered[i] = items.get(i).coveredAmount();
    }
    return db.sql("DELETE FROM claim_items WHERE claim_id = :claimId").bind("claimId", claimId).then()
        .then(db.sql("""
                INSERT INTO claim_items (claim_id, position, service_id, amount, covered_amount)
                SELECT :claimId::uuid, t.* FROM unnest(:positions::int[], :services::uuid[], :amounts::bigint[], :covered::bigint[]) AS t
                """)
            .bind("claimId", claimId).bind("positions", positions).bind("services", services).bind("amounts", amounts)
            .bind("covered", covered).then());
  }

  Mono<List<Claim.Item>> items(UUID claimId) {
    return items(List.of(claimId)).map(byClaim -> byClaim.getOrDefault(claimId, List.of()));
  }

  /** The items of several claims in one query, by claim, each in position order. */
  Mono<Map<UUID, List<Claim.Item>>> items(Collection<UUID> claimIds) {
    return db.sql("""
            SELECT claim_id, service_id, amount, covered_amount FROM claim_items
            WHERE claim_id = ANY(:ids) ORDER BY claim_id, position
            """)
        .bind("ids", claimIds.toArray(UUID[]::new))
        .map(r -> Map.entry(r.get("claim_id", UUID.class),
            new Claim.Item(r.get("service_id", UUID.class), r.get("amount", Long.class), r.get("covered_amount", Long.class))))
        .all()
        .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
        .map(multimap -> {
          Map<UUID, List<Claim.Item>> byClaim = new HashMap<>();
          multimap.forEach((id, items) -> byClaim.put(id, List.copyOf(items)));
          return byClaim;
        });
  }

  Mono<Claim> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM claims WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(ClaimRepository::map).one();
  }

  Mono<Claim> lock(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM claims WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
        .bind("tenantId", tenantId).bind("id", id).map(ClaimRepository::map).one();
  }

  Flux<Claim> page(UUID tenantId, UUID customerId, ClaimStatus status, UUID after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM claims WHERE tenant_id = :tenantId");
    if (customerId != null) sql.append(" AND customer_id = :customerId");
    if (status != null) sql.append(" AND status = :status");
    if (after != null) sql.append(" AND id > :after");
    sql.append(" ORDER BY id LIMIT :limit");
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("tenantId", tenantId).bind("limit", limit);
    if (customerId != null) spec = spec.bind("customerId", customerId);
    if (status != null) spec = spec.bind("status", status.name());
    if (after != null) spec = spec.bind("after", after);
    return spec.map(ClaimRepository::map).all();
  }

  /** The amounts and notes of a claim whose items were replaced. */
  Mono<Claim> updateAmounts(UUID id, long claimed, long expected, String notes, Instant now) {
    return db.sql("""
            UPDATE claims SET claimed_amount = :claimed, expected_covered_amount = :expected, notes = :notes, version = version + 1,
                updated_at = :now
            WHERE id = :id
            """ + " RETURNING " + COLUMNS)
        .bind("claimed", claimed).bind("expected", expected).bind("notes", Parameter.fromOrEmpty(notes, String.class)).bind("now", now)
        .bind("id", id).map(ClaimRepository::map).one();
  }

  Mono<Claim> move(UUID id, ClaimStatus from, ClaimStatus to, Long approvedAmount, Long expected, Instant now) {
    return db.sql("""
            UPDATE claims SET status = :to, approved_amount = :approved,
                expected_covered_amount = COALESCE(:expected, expected_covered_amount), version = version + 1, updated_at = :now
            WHERE id = :id AND status = :from
            """ + " RETURNING " + COLUMNS)
        .bind("to", to.name()).bind("approved", Parameter.fromOrEmpty(approvedAmount, Long.class))
        .bind("expected", Parameter.fromOrEmpty(expected, Long.class)).bind("now", now).bind("id", id).bind("from", from.name())
        .map(ClaimRepository::map).one();
  }

  Mono<Claim> setPayment(UUID id, UUID paymentId, Instant now) {
    return db.sql("UPDATE claims SET payment_id = :paymentId, version = version + 1, updated_at = :now WHERE id = :id RETURNING " + COLUMNS)
        .bind("paymentId", paymentId).bind("now", now).bind("id", id).map(ClaimRepository::map).one();
  }

  /** What the member's other live claims in the plan took per service in the calendar year of {@code day}. */
  Mono<Map<UUID, Long>> usedThisYear(UUID enrolmentId, UUID exceptClaim, LocalDate day) {
    LocalDate start = LocalDate.of(day.getYear(), 1, 1);
    return db.sql("""
            SELECT ci.service_id, sum(ci.covered_amount) AS used
            FROM claims c JOIN claim_items ci ON ci.claim_id = c.id
            WHERE c.enrolment_id = :enrolmentId AND c.id <> :claimId AND c.status NOT IN ('DRAFT', 'REJECTED')
              AND c.service_date >= :start AND c.service_date < :end
            GROUP BY ci.service_id
            """)
        .bind("enrolmentId", enrolmentId).bind("claimId", exceptClaim).bind("start", start).bind("end", start.plusYears(1))
        .map(r -> Map.entry(r.get("service_id", UUID.class), r.get("used", java.math.BigDecimal.class).longValueExact()))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
  }

  Mono<Void> recordHistory(UUID tenantId, UUID claimId, ClaimStatus from, ClaimStatus to, String actor, String reason, Instant at) {
    return db.sql("""
            INSERT INTO claim_status_history (tenant_id, claim_id, from_status, to_status, actor, reason, at)
            VALUES (:tenantId, :claimId, :from, :to, :actor, :reason, :at)
            """)
        .bind("tenantId", tenantId).bind("claimId", claimId).bind("from", Parameter.fromOrEmpty(from == null ? null : from.name(), String.class))
        .bind("to", to.name()).bind("actor", actor).bind("reason", Parameter.fromOrEmpty(reason, String.class)).bind("at", at)
        .then();
  }

  Flux<ClaimHistoryEntry> history(UUID claimId) {
    return db.sql("SELECT from_status, to_status, actor, reason, at FROM claim_status_history WHERE claim_id = :claimId ORDER BY id")
        .bind("claimId", claimId)
        .map(r -> new ClaimHistoryEntry(r.get("from_status", String.class), r.get("to_status", String.class), r.get("actor", String.class),
            r.get("reason", String.class), r.get("at", Instant.class)))
        .all();
  }

  Mono<Void> insertDocument(UUID tenantId, ClaimDocument d, String store, UUID actor) {
    return db.sql("""
            INSERT INTO claim_documents (id, tenant_id, claim_id, filename, content_type, size_bytes, sha256, store, created_at, created_by)
            VALUES (:id, :tenantId, :claimId, :filename, :type, :size, decode(:sha, 'hex'), :store, :at, :actor)
            """)
        .bind("id", d.id()).bind("tenantId", tenantId).bind("claimId", d.claimId()).bind("filename", d.filename())
        .bind("type", d.contentType()).bind("size", d.sizeBytes()).bind("sha", d.sha256()).bind("store", store)
        .bind("at", d.createdAt()).bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then();
  }

  Flux<ClaimDocument> documents(UUID claimId) {
    return db.sql("SELECT " + DOCUMENT + ", encode(sha256, 'hex') AS hex FROM claim_documents WHERE claim_id = :claimId ORDER BY id")
        .bind("claimId", claimId).map(ClaimRepository::document).all();
  }

  Mono<ClaimDocument> document(UUID claimId, UUID id) {
    return db.sql("SELECT " + DOCUMENT + ", encode(sha256, 'hex') AS hex FROM claim_documents WHERE claim_id = :claimId AND id = :id")
        .bind("claimId", claimId).bind("id", id).map(ClaimRepository::document).one();
  }

  private static ClaimDocument document(Readable r) {
    return new ClaimDocument(r.get("id", UUID.class), r.get("claim_id", UUID.class), r.get("filename", String.class),
        r.get("content_type", String.class), r.get("size_bytes", Long.class), r.get("hex", String.class), r.get("store", String.class),
        r.get("created_at", Instant.class));
  }

  static Claim map(Readable r) {
    return new Claim(r.get("id", UUID.class), r.get("tenant_id", UUID.class), r.get("customer_id", UUID.class), r.get("plan_id", UUID.class),
        r.get("enrolment_id", UUID.class), r.get("booking_id", UUID.class), r.get("invoice_id", UUID.class),
        ClaimStatus.valueOf(r.get("status", String.class)), r.get("currency", String.class), r.get("service_date", LocalDate.class),
        List.of(), r.get("claimed_amount", Long.class), r.get("expected_covered_amount", Long.class), r.get("approved_amount", Long.class),
        r.get("payment_id", UUID.class), r.get("notes", String.class), r.get("version", Long.class), r.get("created_at", Instant.class),
        r.get("updated_at", Instant.class));
  }
}
