package io.bookpay.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for {@code gateway_checks}: the card charges and refunds recorded PENDING whose processor has
 * not answered yet. A row is written in the transaction that records the charge or refund and is
 * deleted when the processor's answer is stored ({@link PaymentRepository}); one left behind by a
 * timeout, an outage or a crash is looked up by the {@link GatewayReconciler}.
 */
@Repository
class GatewayChecks {

  /** A due check: of a payment or (exclusively) of a refund; {@code attempts} counts look-ups so far, this one included. */
  record Check(UUID id, UUID tenantId, UUID paymentId, UUID refundId, int attempts) {}

  private final DatabaseClient db;

  GatewayChecks(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> forPayment(UUID id, UUID tenantId, UUID paymentId, Instant firstCheckAt, Instant now) {
    return insert(id, tenantId, paymentId, null, firstCheckAt, now);
  }

  Mono<Void> forRefund(UUID id, UUID tenantId, UUID refundId, Instant firstCheckAt, Instant now) {
    return insert(id, tenantId, null, refundId, firstCheckAt, now);
  }

  private Mono<Void> insert(UUID id, UUID tenantId, UUID paymentId, UUID refundId, Instant firstCheckAt, Instant now) {
    return db.sql("""
            INSERT INTO gateway_checks (id, tenant_id, payment_id, refund_id, next_check_at, created_at, updated_at)
            VALUES (:id, :tenantId, :paymentId, :refundId, :next, :now, :now)
            """)
        .bind("id", id).bind("tenantId", tenantId).bind("paymentId", Parameter.fromOrEmpty(paymentId, UUID.class))
        .bind("refundId", Parameter.fromOrEmpty(refundId, UUID.class)).bind("next", firstCheckAt).bind("now", now)
        .then();
  }

  /**
   * Takes up to {@code limit} due checks and moves each one's next look-up out by {@code base} ×
   * 2^attempts (at most {@code max}) before it is made, so a look-up that fails or never returns is
   * tried again later, and instances never take the same check at once (SKIP LOCKED). Served by
   * gateway_checks_due_idx.
   */
  Flux<Check> claimDue(Instant now, int limit, Duration base, Duration max) {
    return db.sql("""
            UPDATE gateway_checks c SET attempts = c.attempts + 1, updated_at = :now,
                next_check_at = :now + least(:baseMs * power(2, least(c.attempts, 20)), :maxMs) * interval '1 millisecond'
            WHERE c.id IN (SELECT id FROM gateway_checks WHERE next_check_at <= :now ORDER BY next_check_at LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            RETURNING c.id, c.tenant_id, c.payment_id, c.refund_id, c.attempts
            """)
        .bind("now", now).bind("limit", limit).bind("baseMs", (double) base.toMillis()).bind("maxMs", (double) max.toMillis())
        .map(row -> new Check(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("payment_id", UUID.class),
            row.get("refund_id", UUID.class), row.get("attempts", Integer.class)))
        .all();
  }

  Mono<Void> failed(UUID id, String error, Instant now) {
    return db.sql("UPDATE gateway_checks SET last_error = :error, updated_at = :now WHERE id = :id")
        .bind("id", id).bind("now", now).bind("error", error.length() > 1000 ? error.substring(0, 1000) : error).then();
  }

  Mono<Void> delete(UUID id) {
    return db.sql("DELETE FROM gateway_checks WHERE id = :id").bind("id", id).then();
  }
}
