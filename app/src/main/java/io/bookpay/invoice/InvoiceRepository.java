package io.bookpay.invoice;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
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

/** SQL for invoices and their line items. Amount changes are single conditional statements. */
@Repository
class InvoiceRepository {

  private static final String COLUMNS = "id, tenant_id, customer_id, booking_id, currency, status, refund_status, coupon_id,"
      + " subtotal, discount, tax, total, amount_paid, amount_pending, amount_refunded, balance_due, due_at, version,"
      + " created_at, updated_at, finalized_at, paid_at, voided_at";

  private final DatabaseClient db;

  InvoiceRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> insert(Invoice i, UUID actor) {
    return db.sql("""
            INSERT INTO invoices (id, tenant_id, customer_id, booking_id, currency, status, coupon_id, subtotal, discount, tax,
                total, due_at, version, created_at, updated_at, created_by)
            VALUES (:id, :tenantId, :customerId, :bookingId, :currency, 'DRAFT', :couponId, :subtotal, :discount, :tax,
                :total, :dueAt, 0, :at, :at, :actor)
            """)
        .bind("id", i.id()).bind("tenantId", i.tenantId()).bind("customerId", i.customerId())
        .bind("bookingId", Parameter.fromOrEmpty(i.bookingId(), UUID.class)).bind("currency", i.currency())
        .bind("couponId", Parameter.fromOrEmpty(i.couponId(), UUID.class)).bind("subtotal", i.subtotal())
        .bind("discount", i.discount()).bind("tax", i.tax()).bind("total", i.total())
        .bind("dueAt", Parameter.fromOrEmpty(i.dueAt(), Instant.class)).bind("at", i.createdAt())
        .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
        .then()
        .then(insertLines(i.id(), i.lineItems()));
  }

  private Mono<Void> insertLines(UUID invoiceId, List<LineItem> lines) {
    int n = lines.size();
    Integer[] positions = new Integer[n];
    String[] kinds = new String[n];
    String[] descriptions = new String[n];
    Integer[] quantities = new Integer[n];
    Long[] unitAmounts = new Long[n];
    Long[] amounts = new Long[n];
    Long[] discounts = new Long[n];
    String[] rates = new String[n];
    Long[] taxes = new Long[n];
    UUID[] refIds = new UUID[n];
    for (int k = 0; k < n; k++) {
      LineItem l = lines.get(k);
      positions[k] = k + 1;
      kinds[k] = l.kind().name();
      descriptions[k] = l.description();
      quantities[k] = l.quantity();
      unitAmounts[k] = l.unitAmount();
      amounts[k] = l.amount();
      discounts[k] = l.discount();
      rates[k] = l.taxRate().toPlainString();
      taxes[k] = l.tax();
      refIds[k] = l.refId();
    }
    return db.sql("""
            INSERT INTO invoice_line_items (invoice_id, position, kind, description, quantity, unit_amount, amount, discount,
                tax_rate, tax, ref_id)
            SELECT :invoiceId::uuid, t.* FROM unnest(:positions::int[], :kinds::text[], :descriptions::text[], :quantities::int[],
                :unitAmounts::bigint[], :amounts::bigint[], :discounts::bigint[], :rates::text[]::numeric[], :taxes::bigint[], :refIds::uuid[]) AS t
            """)
        .bind("invoiceId", invoiceId).bind("positions", positions).bind("kinds", kinds).bind("descriptions", descriptions)
        .bind("quantities", quantities).bind("unitAmounts", unitAmounts).bind("amounts", amounts).bind("discounts", discounts)
        .bind("rates", rates).bind("taxes", taxes).bind("refIds", refIds)
        .then();
  }

  Mono<Invoice> find(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM invoices WHERE tenant_id = :tenantId AND id = :id")
        .bind("tenantId", tenantId).bind("id", id).map(InvoiceRepository::map).one();
  }

  /** Locks the invoice for the rest of the transaction: every change of its amounts takes this lock first. */
  Mono<Invoice> lock(UUID tenantId, UUID id) {
    return db.sql("SELECT " + COLUMNS + " FROM invoices WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
        .bind("tenantId", tenantId).bind("id", id).map(InvoiceRepository::map).one();
  }

  Mono<Invoice> findLiveForBooking(UUID bookingId) {
    return db.sql("SELECT " + COLUMNS + " FROM invoices WHERE booking_id = :bookingId AND status <> 'VOID'")
        .bind("bookingId", bookingId).map(InvoiceRepository::map).one();
  }

  Mono<List<LineItem>> lines(UUID invoiceId) {
    return lines(List.of(invoiceId)).map(byInvoice -> byInvoice.getOrDefault(invoiceId, List.of()));
  }

  /** The lines of several invoices in one query, by invoice, each in position order. */
  Mono<Map<UUID, List<LineItem>>> lines(Collection<UUID> invoiceIds) {
    return db.sql("""
            SELECT invoice_id, kind, description, quantity, unit_amount, amount, discount, tax_rate, tax, ref_id
            FROM invoice_line_items WHERE invoice_id = ANY(:ids) ORDER BY invoice_id, position
            """)
        .bind("ids", invoiceIds.toArray(UUID[]::new))
        .map(row -> Map.entry(row.get("invoice_id", UUID.class), new LineItem(LineKind.valueOf(row.get("kind", String.class)),
            row.get("description", String.class), row.get("quantity", Integer.class), row.get("unit_amount", Long.class),
            row.get("amount", Long.class), row.get("discount", Long.class), row.get("tax_rate", BigDecimal.class).stripTrailingZeros(),
            row.get("tax", Long.class), row.get("ref_id", UUID.class))))
        .all()
        .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
        .map(multimap -> {
          Map<UUID, List<LineItem>> byInvoice = new HashMap<>();
          multimap.forEach((id, lines) -> byInvoice.put(id, List.copyOf(lines)));
          return byInvoice;
        });
  }

  Flux<Invoice> page(UUID tenantId, UUID customerId, InvoiceStatus status, UUID after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invoices WHERE tenant_id = :tenantId");
    if (customerId != null) sql.append(" AND customer_id = :customerId");
    if (status != null) sql.append(" AND status = :status");
    if (after != null) sql.append(" AND id > :after");
    sql.append(" ORDER BY id LIMIT :limit");
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("tenantId", tenantId).bind("limit", limit);
    if (customerId != null) spec = spec.bind("customerId", customerId);
    if (status != null) spec = spec.bind("status", status.name());
    if (after != null) spec = spec.bind("after", after);
    return spec.map(InvoiceRepository::map).all();
  }

  /** Moves an invoice from one status to another, as its lifecycle allows; empty if it was not in {@code from} any more. */
  Mono<Invoice> setStatus(UUID id, InvoiceStatus from, InvoiceStatus to, Instant now) {
    if (!from.canMoveTo(to)) {
      return Mono.error(new IllegalStateException("An invoice never moves from " + from + " to " + to));
    }
    String stamp = switch (to) {
      case OPEN -> ", finalized_at = :now";
      case PAID -> ", paid_at = :now";
      case VOID -> ", voided_at = :now";
      case DRAFT -> "";
    };
    return db.sql("UPDATE invoices SET status = :to, version = version + 1, updated_at = :now" + stamp
            + " WHERE id = :id AND status = :from RETURNING " + COLUMNS)
        .bind("to", to.name()).bind("now", now).bind("id", id).bind("from", from.name())
        .map(InvoiceRepository::map).one();
  }

  /**
   * Adds to (or, negative, takes from) the paid, pending and refunded amounts in one statement; the
   * table's checks refuse any result that over-pays or over-refunds.
   */
  Mono<Invoice> addAmounts(UUID id, long paid, long pending, long refunded, Instant now) {
    return db.sql("""
            UPDATE invoices SET amount_paid = amount_paid + :paid, amount_pending = amount_pending + :pending,
                amount_refunded = amount_refunded + :refunded, version = version + 1, updated_at = :now
            WHERE id = :id
            """ + " RETURNING " + COLUMNS)
        .bind("paid", paid).bind("pending", pending).bind("refunded", refunded).bind("now", now).bind("id", id)
        .map(InvoiceRepository::map).one();
  }

  static Invoice map(Readable row) {
    return new Invoice(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("customer_id", UUID.class),
        row.get("booking_id", UUID.class), row.get("currency", String.class), InvoiceStatus.valueOf(row.get("status", String.class)),
        row.get("refund_status", String.class), row.get("coupon_id", UUID.class), List.of(), row.get("subtotal", Long.class),
        row.get("discount", Long.class), row.get("tax", Long.class), row.get("total", Long.class), row.get("amount_paid", Long.class),
        row.get("amount_pending", Long.class), row.get("amount_refunded", Long.class), row.get("balance_due", Long.class),
        row.get("due_at", Instant.class), row.get("version", Long.class), row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class), row.get("finalized_at", Instant.class), row.get("paid_at", Instant.class),
        row.get("voided_at", Instant.class), null);
  }
}
