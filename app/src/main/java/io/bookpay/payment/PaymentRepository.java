package io.bookpay.payment;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for payments and refunds. */
@Repository
class PaymentRepository {

  private static final String PAYMENT = "id, tenant_id, invoice_id, method, status, amount, currency, amount_refunded,"
      + " amount_refund_pending, gift_card_id, gateway_reference, failure_reason, failure_code, next_action_type, next_action_url,"
      + " captured_after_cancel_at, created_at, updated_at";
  private static final String REFUND = "id, tenant_id, payment_id, invoice_id, status, amount, currency, reason,"
      + " gateway_reference, failure_reason, reversal_shortfall, created_at, updated_at";

  private final DatabaseClient db;

  PaymentRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Payment> insert(Payment p, UUID actor) {
    return db.sql("""
            INSERT INTO payments (id, tenant_id, invoice_id, method, status, amount, currency, gift_card_id, created_at, updated_at,
                created_by)
            VALUES (:id, :tenantId, :invoiceId, :method, :status, :amount, :currency, :giftCardId, :at, :at, :actor)
            """)
        .bind("id", p.id()).bind("tenantId", p.tenantId()).bind("invoiceId", p.invoiceId()).bind("method", p.method().name())
        .bind("status", p.status().name()).bind("amount", p.amount()).bind("currency", p.currency())
        .bind("giftCardId", Parameter.fromOrEmpty(p.giftCardId(), UUID.class)).bind("at", p.createdAt())
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then().thenReturn(p);
  }

  Mono<Payment> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + PAYMENT + " FROM payments WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(PaymentRepository::payment).one();
  }

  Mono<Payment> findByGatewayReference(UUID tenantId, String reference) {
    return db.sql("SELECT " + PAYMENT + " FROM payments WHERE tenant_id = :tenantId AND gateway_reference = :ref")
        .bind("tenantId", tenantId).bind("ref", reference).map(PaymentRepository::payment).one();
  }

  /** Writes a payment's move from {@code current}'s status to {@code moved}'s; empty if it was not in that status any more. */
  Mono<Payment> move(Payment current, Payment moved) {
    return move(current.id(), current.status(), moved.status(), moved.gatewayReference(), moved.failureReason(), moved.failureCode(),
        moved.updatedAt());
  }

  /** A payment that has left PENDING needs no look-up at the processor any more: its gateway check goes with the move. */
  private Mono<Payment> move(UUID id, PaymentStatus from, PaymentStatus to, String gatewayReference, String failureReason,
      String failureCode, Instant now) {
    if (!from.canMoveTo(to)) {
      return Mono.error(new IllegalStateException("A payment never moves from " + from + " to " + to));
    }
    return db.sql("""
            WITH resolved AS (DELETE FROM gateway_checks WHERE payment_id = :id)
            UPDATE payments SET status = :to, gateway_reference = COALESCE(gateway_reference, :ref), failure_reason = :reason,
                failure_code = :code, next_action_type = NULL, next_action_url = NULL, updated_at = :now
            WHERE id = :id AND status = :from
            """ + " RETURNING " + PAYMENT)
        .bind("to", to.name()).bind("ref", Parameter.fromOrEmpty(gatewayReference, String.class))
        .bind("reason", Parameter.fromOrEmpty(failureReason, String.class)).bind("code", Parameter.fromOrEmpty(failureCode, String.class))
        .bind("now", now).bind("id", id).bind("from", from.name())
        .map(PaymentRepository::payment).one();
  }

  /** Writes a refund's move from {@code current}'s status to {@code moved}'s; empty if it was not in that status any more. */
  Mono<Refund> moveRefund(Refund current, Refund moved) {
    return moveRefund(current.id(), current.status(), moved.status(), moved.gatewayReference(), moved.failureReason(),
        moved.updatedAt());
  }

  private Mono<Refund> moveRefund(UUID id, PaymentStatus from, PaymentStatus to, String gatewayReference, String failureReason,
      Instant now) {
    if (!from.canMoveTo(to) || to == PaymentStatus.CANCELED) {
      return Mono.error(new IllegalStateException("A refund never moves from " + from + " to " + to));
    }
    return db.sql("""
            WITH resolved AS (DELETE FROM gateway_checks WHERE refund_id = :id)
            UPDATE refunds SET status = :to, gateway_reference = COALESCE(gateway_reference, :ref), failure_reason = :reason,
                updated_at = :now
            WHERE id = :id AND status = :from
            """ + " RETURNING " + REFUND)
        .bind("to", to.name()).bind("ref", Parameter.fromOrEmpty(gatewayReference, String.class))
        .bind("reason", Parameter.fromOrEmpty(failureReason, String.class)).bind("now", now).bind("id", id).bind("from", from.name())
        .map(PaymentRepository::refund).one();
  }

  /** PENDING refunds of a payment that the gateway has not given a reference yet. */
  Mono<Long> unreferencedPendingRefunds(UUID paymentId) {
    return db.sql("SELECT count(*) AS n FROM refunds WHERE payment_id = :paymentId AND status = 'PENDING' AND gateway_reference IS NULL")
        .bind("paymentId", paymentId).map(row -> row.get("n", Long.class)).one();
  }

  Mono<Payment> lock(UUID id) {
    return db.sql("SELECT " + PAYMENT + " FROM payments WHERE id = :id FOR UPDATE")
        .bind("id", id).map(PaymentRepository::payment).one();
  }

  /** The invoices of a tenant with at least one SUCCEEDED payment, oldest payment first. */
  Flux<UUID> succeededInvoiceIds(UUID tenantId) {
    return db.sql("""
            SELECT invoice_id FROM payments WHERE tenant_id = :tenantId AND status = 'SUCCEEDED'
            GROUP BY invoice_id ORDER BY min(created_at), invoice_id
            """)
        .bind("tenantId", tenantId).map(row -> row.get("invoice_id", UUID.class)).all();
  }

  Flux<Payment> forInvoice(UUID invoiceId) {
    return db.sql("SELECT " + PAYMENT + " FROM payments WHERE invoice_id = :invoiceId ORDER BY id")
        .bind("invoiceId", invoiceId).map(PaymentRepository::payment).all();
  }

  /**
   * Records that the processor took the money of a CANCELED payment after all; empty if that was
   * recorded already (or the payment is not CANCELED), so it is refunded once.
   */
  Mono<Payment> markCapturedAfterCancel(UUID id, String reference, Instant now) {
    return db.sql("""
            UPDATE payments SET captured_after_cancel_at = :now, gateway_reference = COALESCE(gateway_reference, :ref), updated_at = :now
            WHERE id = :id AND status = 'CANCELED' AND captured_after_cancel_at IS NULL
            """ + " RETURNING " + PAYMENT)
        .bind("now", now).bind("ref", Parameter.fromOrEmpty(reference, String.class)).bind("id", id)
        .map(PaymentRepository::payment).one();
  }

  /**
   * The processor's PENDING answer to a charge: its reference (kept if one is stored already) and what
   * the client's device must do next. The processor has answered, so the charge's gateway check goes.
   */
  Mono<Payment> setGatewayReference(UUID id, String reference, NextAction next, Instant now) {
    return db.sql("""
            WITH resolved AS (DELETE FROM gateway_checks WHERE payment_id = :id)
            UPDATE payments SET gateway_reference = COALESCE(gateway_reference, :ref), next_action_type = :type, next_action_url = :url,
                updated_at = :now
            WHERE id = :id
            """ + " RETURNING " + PAYMENT)
        .bind("ref", Parameter.fromOrEmpty(reference, String.class))
        .bind("type", Parameter.fromOrEmpty(next == null ? null : next.type(), String.class))
        .bind("url", Parameter.fromOrEmpty(next == null ? null : next.redirectUrl(), String.class))
        .bind("now", now).bind("id", id).map(PaymentRepository::payment).one();
  }

  /** Adds to the refunded and refund-pending amounts; the table refuses more than the payment in total. */
  Mono<Payment> addRefunded(UUID id, long refunded, long pending, Instant now) {
    return db.sql("""
            UPDATE payments SET amount_refunded = amount_refunded + :refunded, amount_refund_pending = amount_refund_pending + :pending,
                updated_at = :now
            WHERE id = :id
            """ + " RETURNING " + PAYMENT)
        .bind("refunded", refunded).bind("pending", pending).bind("now", now).bind("id", id)
        .map(PaymentRepository::payment).one();
  }

  Mono<Refund> insertRefund(Refund r, UUID actor) {
    return db.sql("""
            INSERT INTO refunds (id, tenant_id, payment_id, invoice_id, status, amount, currency, reason, created_at, updated_at,
                created_by)
            VALUES (:id, :tenantId, :paymentId, :invoiceId, :status, :amount, :currency, :reason, :at, :at, :actor)
            """)
        .bind("id", r.id()).bind("tenantId", r.tenantId()).bind("paymentId", r.paymentId()).bind("invoiceId", r.invoiceId())
        .bind("status", r.status().name()).bind("amount", r.amount()).bind("currency", r.currency())
        .bind("reason", Parameter.fromOrEmpty(r.reason(), String.class)).bind("at", r.createdAt())
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then().thenReturn(r);
  }

  Mono<Refund> findRefund(UUID tenantId, UUID id) {
    return db.sql("SELECT " + REFUND + " FROM refunds WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(PaymentRepository::refund).one();
  }

  Mono<Refund> findRefundByGatewayReference(UUID tenantId, String reference) {
    return db.sql("SELECT " + REFUND + " FROM refunds WHERE tenant_id = :tenantId AND gateway_reference = :ref")
        .bind("tenantId", tenantId).bind("ref", reference).map(PaymentRepository::refund).one();
  }

  Mono<Refund> insertProviderRefund(Refund r) {
    return db.sql("""
            INSERT INTO refunds (id, tenant_id, payment_id, invoice_id, status, amount, currency, reason, gateway_reference, created_at,
                updated_at)
            VALUES (:id, :tenantId, :paymentId, :invoiceId, :status, :amount, :currency, :reason, :ref, :at, :at)
            """)
        .bind("id", r.id()).bind("tenantId", r.tenantId()).bind("paymentId", r.paymentId()).bind("invoiceId", r.invoiceId())
        .bind("status", r.status().name()).bind("amount", r.amount()).bind("currency", r.currency())
        .bind("reason", Parameter.fromOrEmpty(r.reason(), String.class)).bind("ref", r.gatewayReference()).bind("at", r.createdAt())
        .then().thenReturn(r);
  }

  Flux<Refund> refundsOf(UUID paymentId) {
    return db.sql("SELECT " + REFUND + " FROM refunds WHERE payment_id = :paymentId ORDER BY id")
        .bind("paymentId", paymentId).map(PaymentRepository::refund).all();
  }

  Mono<Refund> setRefundGatewayReference(UUID id, String reference, Instant now) {
    return db.sql("""
            WITH resolved AS (DELETE FROM gateway_checks WHERE refund_id = :id)
            UPDATE refunds SET gateway_reference = COALESCE(gateway_reference, :ref), updated_at = :now WHERE id = :id
            """ + " RETURNING " + REFUND)
        .bind("ref", reference).bind("now", now).bind("id", id).map(PaymentRepository::refund).one();
  }

  static Payment payment(Readable row) {
    return new Payment(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("invoice_id", UUID.class),
        PaymentMethod.valueOf(row.get("method", String.class)), PaymentStatus.valueOf(row.get("status", String.class)),
        row.get("amount", Long.class), row.get("currency", String.class), row.get("amount_refunded", Long.class),
        row.get("amount_refund_pending", Long.class), row.get("gift_card_id", UUID.class), row.get("gateway_reference", String.class),
        row.get("failure_reason", String.class), row.get("failure_code", String.class), nextAction(row),
        row.get("captured_after_cancel_at", Instant.class), row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
  }

  private static NextAction nextAction(Readable row) {
    String type = row.get("next_action_type", String.class);
    return type == null ? null : new NextAction(type, row.get("next_action_url", String.class));
  }

  static Refund refund(Readable row) {
    return new Refund(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("payment_id", UUID.class),
        row.get("invoice_id", UUID.class), PaymentStatus.valueOf(row.get("status", String.class)), row.get("amount", Long.class),
        row.get("currency", String.class), row.get("reason", String.class), row.get("gateway_reference", String.class),
        row.get("failure_reason", String.class), row.get("reversal_shortfall", Long.class), row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class));
  }
}
