package io.bookpay.projection.finance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the finance tables answer, for the reports: one tenant and currency, a range of the tenant's
 * calendar days (both included). Reads only this projection's tables.
 */
@Service
public class FinanceReports {

  /** Money of {@code kind} (PAYMENT, REFUND, DISPUTE_LOST, CAPTURED_AFTER_CANCEL, CAPTURED_AFTER_CANCEL_REFUND) by one method on a day. */
  public record MoneyDay(LocalDate day, String kind, String method, long amount) {}

  /** Money of {@code kind} spread to one line kind on a day. */
  public record LineKindDay(LocalDate day, String kind, String lineKind, long amount) {}

  /** Invoices finalized on a day: how many, their totals, discounts and tax. */
  public record InvoicedDay(LocalDate day, long invoices, long total, long discount, long tax) {}

  /** Payments' SERVICE part on invoices made for a booking, by the booking's service, provider and location. */
  public record ServiceRevenue(UUID serviceId, UUID providerId, UUID locationId, long amount) {}

  /** One payer's insurance figures over the range (payer null: a claim whose payer no event named). */
  public record PayerInsurance(String payer, long submitted, long approvedClaims, long rejected, long claimed, long expected, long approved,
      long applied) {}

  /** An invoice open on a day: what it still owed at that day's end, when it was finalized and falls due (null: no due date). */
  public record OpenInvoice(UUID invoiceId, long outstanding, LocalDate finalizedDay, LocalDate dueDay) {}

  /** Gift-card moves of {@code kind} on a day ({@code amount} signed as it moved the balances). */
  public record GiftCardDay(LocalDate day, String kind, boolean withoutPayment, long amount) {}

  /** Package purchases and session moves on a day. */
  public record PackageDay(LocalDate day, String kind, long moves, long sessions, long amount) {}

  /** A membership as the events describe it. */
  public record MembershipRow(long priceAmount, String period, Instant startsAt, Instant endsAt, LocalDate startedDay, LocalDate endedDay) {}

  private final DatabaseClient db;
  private final FinanceZones zones;

  FinanceReports(DatabaseClient db, FinanceZones zones) {
    this.db = db;
    this.zones = zones;
  }

  /** The tenant's zone as the finance projection knows it (UTC until it learns one). */
  public Mono<ZoneId> zone(UUID tenantId) {
    return zones.of(List.of(tenantId)).map(z -> z.get(tenantId));
  }

  /** Every currency the tenant has figures in, sorted; each table's index starts with tenant_id (and currency where it has one). */
  public Mono<List<String>> currencies(UUID tenantId) {
    return db.sql("""
            SELECT DISTINCT currency FROM finance_money WHERE tenant_id = :tenantId
            UNION SELECT DISTINCT currency FROM finance_invoices WHERE tenant_id = :tenantId
            UNION SELECT DISTINCT currency FROM finance_gift_card_moves WHERE tenant_id = :tenantId
            UNION SELECT DISTINCT currency FROM finance_packages WHERE tenant_id = :tenantId
            UNION SELECT DISTINCT currency FROM finance_memberships WHERE tenant_id = :tenantId
            ORDER BY 1
            """)
        .bind("tenantId", tenantId)
        .map(row -> row.get("currency", String.class).trim())
        .all()
        .collectList();
  }

  /** Served by finance_money_day_idx. */
  public Flux<MoneyDay> money(UUID tenantId, String currency, LocalDate from, LocalDate to) {
    return db.sql("""
            SELECT day, kind, method, sum(amount) AS amount FROM finance_money
            WHERE tenant_id = :tenantId AND currency = :currency AND day BETWEEN :from AND :to
            GROUP BY day, kind, method ORDER BY day, kind, method
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("from", from).bind("to", to)
        .map(row -> new MoneyDay(row.get("day", LocalDate.class), row.get("kind", String.class), row.get("method", String.class),
            number(row.get("amount"))))
        .all();
  }

  /** Served by finance_money_line_kinds_day_idx. */
  public Flux<LineKindDay> lineKinds(UUID tenantId, String currency, LocalDate from, LocalDate to) {
    return db.sql("""
            SELECT day, kind, line_kind, sum(amount) AS amount FROM finance_money_line_kinds
            WHERE tenant_id = :tenantId AND currency = :currency AND day BETWEEN :from AND :to
            GROUP BY day, kind, line_kind ORDER BY day, kind, line_kind
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("from", from).bind("to", to)
        .map(row -> new LineKindDay(row.get("day", LocalDate.class), row.get("kind", String.class), row.get("line_kind", String.class),
            number(row.get("amount"))))
        .all();
  }

  /** Served by finance_invoices_day_idx. */
  public Flux<InvoicedDay> invoiced(UUID tenantId, String currency, LocalDate from, LocalDate to) {
    return db.sql("""
            SELECT finalized_day AS day, count(*) AS invoices, sum(total) AS total, sum(discount) AS discount, sum(tax) AS tax
            FROM finance_invoices
            WHERE tenant_id = :tenantId AND currency = :currency AND finalized_day BETWEEN :from AND :to
            GROUP BY finalized_day ORDER BY finalized_day
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("from", from).bind("to", to)
        .map(row -> new InvoicedDay(row.get("day", LocalDate.class), row.get("invoices", Long.class), number(row.get("total")),
            number(row.get("discount")), number(row.get("tax"))))
        .all();
  }

  /**
   * The SERVICE part of payments (gift-card redemptions included) in the range, on invoices made for
   * a booking, by the booking's service, provider and location as its newest event names them.
   */
  public Flux<ServiceRevenue> serviceRevenue(UUID tenantId, String currency, LocalDate from, LocalDate to) {
    return db.sql("""
            SELECT b.service_id, b.provider_id, b.location_id, sum(k.amount) AS amount
            FROM finance_money_line_kinds k
            JOIN finance_invoices i ON i.tenant_id = k.tenant_id AND i.invoice_id = k.invoice_id
            JOIN finance_bookings b ON b.tenant_id = i.tenant_id AND b.booking_id = i.booking_id
            WHERE k.tenant_id = :tenantId AND k.currency = :currency AND k.day BETWEEN :from AND :to
              AND k.kind = 'PAYMENT' AND k.line_kind = 'SERVICE'
            GROUP BY b.service_id, b.provider_id, b.location_id
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("from", from).bind("to", to)
        .map(row -> new ServiceRevenue(row.get("service_id", UUID.class), row.get("provider_id", UUID.class),
            row.get("location_id", UUID.class), number(row.get("amount"))))
        .all();
  }

  /**
   * Per payer: claims submitted (with what they claimed and were expected to cover at submission),
   * approved (with the approved amounts) and rejected in the range, and INSURANCE payments in the
   * range on invoices that a claim of the payer names (applied). Served by the day indexes.
   */
  public Flux<PayerInsurance> insurance(UUID tenantId, String currency, LocalDate from, LocalDate to) {
    return db.sql("""
            SELECT payer, sum(submitted) AS submitted, sum(approved_claims) AS approved_claims, sum(rejected) AS rejected,
                   sum(claimed) AS claimed, sum(expected) AS expected, sum(approved) AS approved, sum(applied) AS applied
            FROM (
              SELECT coalesce(m.payer, c.payer) AS payer,
                     CASE WHEN m.kind = 'SUBMITTED' THEN 1 ELSE 0 END AS submitted,
                     CASE WHEN m.kind = 'APPROVED' THEN 1 ELSE 0 END AS approved_claims,
                     CASE WHEN m.kind = 'REJECTED' THEN 1 ELSE 0 END AS rejected,
                     m.claimed, m.expected, m.approved, 0 AS applied
              FROM finance_claim_moves m
              LEFT JOIN finance_claims c ON c.tenant_id = m.tenant_id AND c.claim_id = m.claim_id
              WHERE m.tenant_id = :tenantId AND m.day BETWEEN :from AND :to AND coalesce(m.currency, c.currency) = :currency
              UNION ALL
              SELECT p.payer, 0, 0, 0, 0, 0, 0, f.amount
              FROM finance_money f
              LEFT JOIN LATERAL (SELECT c.payer FROM finance_claims c
                            WHERE c.tenant_id = f.tenant_id AND c.invoice_id = f.invoice_id ORDER BY c.claim_id LIMIT 1) p ON true
              WHERE f.tenant_id = :tenantId AND f.currency = :currency AND f.day BETWEEN :from AND :to
                AND f.kind = 'PAYMENT' AND f.method = 'INSURANCE'
            ) figures
            GROUP BY payer
            ORDER BY payer NULLS LAST
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("from", from).bind("to", to)
        .map(row -> new PayerInsurance(row.get("payer", String.class), number(row.get("submitted")), number(row.get("approved_claims")),
            number(row.get("rejected")), number(row.get("claimed")), number(row.get("expected")), number(row.get("approved")),
            number(row.get("applied"))))
        .all();
  }

  /**
   * Invoices finalized by the end of {@code on} and not voided by then, with their total less the
   * payments applied by then (refunds never reopen an invoice), where that is above zero. Served
   * by finance_invoices_day_idx and finance_money_invoice_idx.
   */
  public Flux<OpenInvoice> openInvoices(UUID tenantId, String currency, LocalDate on) {
    return db.sql("""
            SELECT i.invoice_id, i.total - coalesce(p.paid, 0) AS outstanding, i.finalized_day, i.due_day
            FROM finance_invoices i
            LEFT JOIN LATERAL (SELECT sum(m.amount) AS paid FROM finance_money m
                               WHERE m.tenant_id = i.tenant_id AND m.invoice_id = i.invoice_id AND m.kind = 'PAYMENT'
                                 AND m.day <= :on) p ON true
            WHERE i.tenant_id = :tenantId AND i.currency = :currency AND i.finalized_day <= :on
              AND (i.voided_day IS NULL OR i.voided_day > :on)
              AND i.total - coalesce(p.paid, 0) > 0
            ORDER BY i.finalized_day, i.invoice_id
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("on", on)
        .map(row -> new OpenInvoice(row.get("invoice_id", UUID.class), number(row.get("outstanding")),
            row.get("finalized_day", LocalDate.class), row.get("due_day", LocalDate.class)))
        .all();
  }

  /** Every gift-card move up to {@code to} (the opening balance needs those before {@code from}); served by finance_gift_card_moves_day_idx. */
  public Flux<GiftCardDay> giftCards(UUID tenantId, String currency, LocalDate to) {
    return db.sql("""
            SELECT day, kind, without_payment, sum(amount) AS amount FROM finance_gift_card_moves
            WHERE tenant_id = :tenantId AND currency = :currency AND day <= :to
            GROUP BY day, kind, without_payment ORDER BY day
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("to", to)
        .map(row -> new GiftCardDay(row.get("day", LocalDate.class), row.get("kind", String.class), row.get("without_payment", Boolean.class),
            number(row.get("amount"))))
        .all();
  }

  /**
   * Package moves up to {@code to} of purchases in {@code currency}: per day and kind, how many
   * moves, the sessions they moved (signed) and, for purchases, the amount paid.
   */
  public Flux<PackageDay> packages(UUID tenantId, String currency, LocalDate to) {
    return db.sql("""
            SELECT m.day, m.kind, count(*) AS moves, sum(m.sessions) AS sessions,
                   sum(CASE WHEN m.kind = 'PURCHASED' THEN p.amount ELSE 0 END) AS amount
            FROM finance_package_moves m
            JOIN finance_packages p ON p.tenant_id = m.tenant_id AND p.purchase_id = m.purchase_id
            WHERE m.tenant_id = :tenantId AND p.currency = :currency AND m.day <= :to
            GROUP BY m.day, m.kind ORDER BY m.day
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("to", to)
        .map(row -> new PackageDay(row.get("day", LocalDate.class), row.get("kind", String.class), number(row.get("moves")),
            number(row.get("sessions")), number(row.get("amount"))))
        .all();
  }

  /** The tenant's memberships in {@code currency} started by {@code to}; served by finance_memberships_currency_idx. */
  public Flux<MembershipRow> memberships(UUID tenantId, String currency, LocalDate to) {
    return db.sql("""
            SELECT price_amount, period, starts_at, ends_at, started_day, ended_day FROM finance_memberships
            WHERE tenant_id = :tenantId AND currency = :currency AND started_day <= :to
            """)
        .bind("tenantId", tenantId).bind("currency", currency).bind("to", to)
        .map(row -> new MembershipRow(number(row.get("price_amount")), row.get("period", String.class), row.get("starts_at", Instant.class),
            row.get("ends_at", Instant.class), row.get("started_day", LocalDate.class), row.get("ended_day", LocalDate.class)))
        .all();
  }

  /** sum() over bigint is numeric in PostgreSQL. */
  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
