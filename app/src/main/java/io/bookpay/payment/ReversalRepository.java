package io.bookpay.payment;

import io.bookpay.invoice.LineKind;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for the record of what refunds took back (refund_reversals) and the refunds' shortfalls. The
 * items themselves are locked and moved by their owners (giftcard, sales), as {@link RefundReversals} asks.
 */
@Repository
class ReversalRepository {

  /** One reversal as stored: what it took from which item, so a failed refund can give exactly that back. */
  record Row(long id, UUID refundId, LineKind kind, UUID itemId, long share, long shortfall, long quantity, Instant previousEndsAt,
      boolean ended) {}

  private final DatabaseClient db;

  ReversalRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(UUID refundId, LineKind kind, UUID itemId, long share, long shortfall, long quantity, Instant previousEndsAt,
      boolean ended, Instant at) {
    return db.sql("""
            INSERT INTO refund_reversals (refund_id, kind, item_id, share, shortfall, quantity, previous_ends_at, ended, created_at)
            VALUES (:refundId, :kind, :itemId, :share, :shortfall, :quantity, :previousEndsAt, :ended, :at)
            """)
        .bind("refundId", refundId).bind("kind", kind.name()).bind("itemId", itemId).bind("share", share).bind("shortfall", shortfall)
        .bind("quantity", quantity).bind("previousEndsAt", Parameter.fromOrEmpty(previousEndsAt, Instant.class)).bind("ended", ended)
        .bind("at", at)
        .then();
  }

  /** The reversals of a refund not given back yet, in the order they were made; marks them given back. */
  Flux<Row> takeForRestore(UUID refundId, Instant now) {
    return db.sql("""
            UPDATE refund_reversals SET restored_at = :now WHERE refund_id = :refundId AND restored_at IS NULL
            RETURNING id, refund_id, kind, item_id, share, shortfall, quantity, previous_ends_at, ended
            """)
        .bind("now", now).bind("refundId", refundId)
        .map(r -> new Row(r.get("id", Long.class), r.get("refund_id", UUID.class), LineKind.valueOf(r.get("kind", String.class)),
            r.get("item_id", UUID.class), r.get("share", Long.class), r.get("shortfall", Long.class), r.get("quantity", Long.class),
            r.get("previous_ends_at", Instant.class), Boolean.TRUE.equals(r.get("ended", Boolean.class))))
        .all()
        .sort((a, b) -> Long.compare(a.id(), b.id()));
  }

  /** Refunds of an invoice that give or gave money back on payments it counted (not a capture after a cancel), oldest first. */
  Flux<Refund> liveRefunds(UUID invoiceId) {
    return db.sql("""
            SELECT r.id, r.tenant_id, r.payment_id, r.invoice_id, r.status, r.amount, r.currency, r.reason, r.gateway_reference,
                   r.failure_reason, r.reversal_shortfall, r.created_at, r.updated_at
            FROM refunds r JOIN payments p ON p.id = r.payment_id
            WHERE r.invoice_id = :invoiceId AND r.status IN ('PENDING', 'SUCCEEDED') AND p.status = 'SUCCEEDED'
            ORDER BY r.id
            """)
        .bind("invoiceId", invoiceId).map(PaymentRepository::refund).all();
  }

  Mono<Void> addShortfall(UUID refundId, long shortfall) {
    return db.sql("UPDATE refunds SET reversal_shortfall = reversal_shortfall + :shortfall WHERE id = :id")
        .bind("shortfall", shortfall).bind("id", refundId).then();
  }
}
