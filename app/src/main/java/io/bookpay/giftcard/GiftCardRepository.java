package io.bookpay.giftcard;

import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for gift cards and their ledger. A balance changes only together with a ledger entry, in one
 * statement, and only if it stays at or above zero.
 */
@Repository
class GiftCardRepository {

  private static final String COLUMNS =
      "id, tenant_id, last4, currency, initial_amount, balance, status, customer_id, invoice_id, expires_at, created_at";

  private final DatabaseClient db;

  GiftCardRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(GiftCard c, ByteBuffer codeHash) {
    return db.sql("""
            INSERT INTO gift_cards (id, tenant_id, code_hash, last4, currency, initial_amount, balance, status, customer_id,
                invoice_id, expires_at, created_at)
            VALUES (:id, :tenantId, :codeHash, :last4, :currency, :initialAmount, 0, :status, :customerId, :invoiceId,
                :expiresAt, :createdAt)
            """)
        .bind("id", c.id()).bind("tenantId", c.tenantId()).bind("codeHash", codeHash).bind("last4", c.last4())
        .bind("currency", c.currency()).bind("initialAmount", c.initialAmount()).bind("status", c.status().name())
        .bind("customerId", Parameter.fromOrEmpty(c.customerId(), UUID.class))
        .bind("invoiceId", Parameter.fromOrEmpty(c.invoiceId(), UUID.class))
        .bind("expiresAt", Parameter.fromOrEmpty(c.expiresAt(), Instant.class)).bind("createdAt", c.createdAt())
        .then();
  }

  Mono<GiftCard> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM gift_cards WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(GiftCardRepository::map).one();
  }

  Mono<GiftCard> findByCode(UUID tenantId, ByteBuffer codeHash, boolean lock) {
    return db.sql("SELECT " + COLUMNS + " FROM gift_cards WHERE tenant_id = :tenantId AND code_hash = :hash" + (lock ? " FOR UPDATE" : ""))
        .bind("tenantId", tenantId).bind("hash", codeHash).map(GiftCardRepository::map).one();
  }

  Mono<GiftCard> lock(UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM gift_cards WHERE id = :id FOR UPDATE")
        .bind("id", id).map(GiftCardRepository::map).one();
  }

  /** The cards an invoice sold, locked in id order (after the invoice and the payment: see the payment package). */
  Flux<GiftCard> lockSoldOn(UUID invoiceId) {
    return db.sql("SELECT " + COLUMNS + " FROM gift_cards WHERE invoice_id = :invoiceId ORDER BY id FOR UPDATE")
        .bind("invoiceId", invoiceId).map(GiftCardRepository::map).all();
  }

  Flux<GiftCard> forInvoice(UUID invoiceId) {
    return db.sql("SELECT " + COLUMNS + " FROM gift_cards WHERE invoice_id = :invoiceId ORDER BY id")
        .bind("invoiceId", invoiceId).map(GiftCardRepository::map).all();
  }

  Flux<GiftCard> page(UUID tenantId, UUID customerId, UUID after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM gift_cards WHERE tenant_id = :tenantId");
    if (customerId != null) sql.append(" AND customer_id = :customerId");
    if (after != null) sql.append(" AND id > :after");
    sql.append(" ORDER BY id LIMIT :limit");
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("tenantId", tenantId).bind("limit", limit);
    if (customerId != null) spec = spec.bind("customerId", customerId);
    if (after != null) spec = spec.bind("after", after);
    return spec.map(GiftCardRepository::map).all();
  }

  /**
   * Moves the balance by {@code delta} and writes the ledger entry, in one statement; empty when the
   * balance would go below zero (or the card is not ACTIVE), so nothing changes then.
   */
  Mono<Long> post(UUID cardId, String kind, long delta, UUID paymentId, UUID refundId, String note, Instant at) {
    return db.sql("""
            WITH moved AS (
              UPDATE gift_cards SET balance = balance + :delta, version = version + 1
              WHERE id = :id AND status = 'ACTIVE' AND balance + :delta >= 0
              RETURNING id, balance)
            INSERT INTO gift_card_ledger (gift_card_id, kind, amount, balance_after, payment_id, refund_id, note, at)
            SELECT id, :kind, :delta, balance, :paymentId, :refundId, :note, :at FROM moved
            RETURNING balance_after
            """)
        .bind("delta", delta).bind("id", cardId).bind("kind", kind)
        .bind("paymentId", Parameter.fromOrEmpty(paymentId, UUID.class)).bind("refundId", Parameter.fromOrEmpty(refundId, UUID.class))
        .bind("note", Parameter.fromOrEmpty(note, String.class)).bind("at", at)
        .map(row -> row.get("balance_after", Long.class)).one();
  }

  /** PENDING → ACTIVE (its invoice was paid) or PENDING → VOID (its invoice was voided). */
  Flux<GiftCard> settlePending(UUID invoiceId, GiftCardStatus to) {
    if (!GiftCardStatus.PENDING.canMoveTo(to)) {
      return Flux.error(new IllegalStateException("A PENDING gift card never becomes " + to));
    }
    return db.sql("UPDATE gift_cards SET status = :to, version = version + 1 WHERE invoice_id = :invoiceId AND status = 'PENDING'"
            + " RETURNING " + COLUMNS)
        .bind("to", to.name()).bind("invoiceId", invoiceId).map(GiftCardRepository::map).all();
  }

  Flux<LedgerEntry> ledger(UUID cardId) {
    return db.sql("""
            SELECT id, kind, amount, balance_after, payment_id, refund_id, note, at FROM gift_card_ledger
            WHERE gift_card_id = :id ORDER BY id
            """)
        .bind("id", cardId)
        .map(row -> new LedgerEntry(row.get("id", Long.class), row.get("kind", String.class), row.get("amount", Long.class),
            row.get("balance_after", Long.class), row.get("payment_id", UUID.class), row.get("refund_id", UUID.class),
            row.get("note", String.class), row.get("at", Instant.class)))
        .all();
  }

  static GiftCard map(Readable row) {
    return new GiftCard(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("last4", String.class),
        row.get("currency", String.class), row.get("initial_amount", Long.class), row.get("balance", Long.class),
        GiftCardStatus.valueOf(row.get("status", String.class)), row.get("customer_id", UUID.class),
        row.get("invoice_id", UUID.class), row.get("expires_at", Instant.class), row.get("created_at", Instant.class));
  }
}
