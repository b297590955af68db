package io.bookpay.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The finance figures computed twice, from the write side's tables (the source) and from the
 * finance projection's, side by side: the one place allowed to read both (TableOwnershipTest's
 * exception for {@code Reconciliation*}). Days are the tenant's, in the zone the projection knows.
 * Each query lists every (figure, currency, period) either side has; {@link ReconciliationReport}
 * keeps those that differ.
 */
@Component
class ReconciliationQueries {

  /** One figure of one currency and period, as the projection and the source have it. */
  record Pair(String figure, String currency, String period, long projection, long source) {}

  private final DatabaseClient db;

  ReconciliationQueries(DatabaseClient db) {
    this.db = db;
  }

  /** Everything compared, in one stream. */
  Flux<Pair> all(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
    return Flux.concat(invoices(tenant, zone, from, to), money(tenant, zone, from, to), disputesLost(tenant, zone, from, to),
        giftCards(tenant, zone, to),
        packages(tenant, zone, from, to), memberships(tenant, zone, from, to));
  }

  /**
   * Invoices finalized in the range, per finalize day: how many, their totals (invoiced), discounts
   * and tax. Source: invoices by finalized_at; projection: finance_invoices by finalized_day.
   */
  private Flux<Pair> invoices(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
    return pairs("""
        WITH source AS (
          SELECT currency, (finalized_at AT TIME ZONE :zone)::date AS day, count(*) AS invoices, sum(total) AS invoiced,
                 sum(discount) AS discounts, sum(tax) AS tax
          FROM invoices
          WHERE tenant_id = :tenant AND finalized_at IS NOT NULL AND (finalized_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
          GROUP BY 1, 2
        ), projection AS (
          SELECT currency::text AS currency, finalized_day AS day, count(*) AS invoices, sum(total) AS invoiced,
                 sum(discount) AS discounts, sum(tax) AS tax
          FROM finance_invoices
          WHERE tenant_id = :tenant AND finalized_day BETWEEN :from AND :to
          GROUP BY 1, 2
        ), both_sides AS (
          SELECT coalesce(s.currency, p.currency) AS currency, coalesce(s.day, p.day) AS day,
                 p.invoices AS p_invoices, s.invoices AS s_invoices, p.invoiced AS p_invoiced, s.invoiced AS s_invoiced,
                 p.discounts AS p_discounts, s.discounts AS s_discounts, p.tax AS p_tax, s.tax AS s_tax
          FROM source s FULL JOIN projection p ON p.currency = s.currency AND p.day = s.day
        )
        SELECT f.figure, currency, day::text AS period, coalesce(f.projection, 0) AS projection, coalesce(f.source, 0) AS source
        FROM both_sides,
             LATERAL (VALUES ('invoices', p_invoices, s_invoices), ('invoiced', p_invoiced, s_invoiced),
                             ('discounts', p_discounts, s_discounts), ('tax', p_tax, s_tax)) AS f(figure, projection, source)
        """, tenant, zone, from, to);
  }

  /**
   * Payments and refunds, by method, of the invoices finalized in the range (whenever the money
   * moved), per finalize day: {@code paid.CASH}, {@code refunded.CARD}, ... Source: succeeded
   * payments and refunds (money taken after a cancel and its return left out, as no invoice counts
   * them); projection: PAYMENT and REFUND rows of finance_money.
   */
  private Flux<Pair> money(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
    return pairs("""
        WITH finalized AS (
          SELECT id, currency, (finalized_at AT TIME ZONE :zone)::date AS day FROM invoices
          WHERE tenant_id = :tenant AND finalized_at IS NOT NULL AND (finalized_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
        ), source AS (
          SELECT 'paid.' || p.method AS figure, i.currency, i.day, sum(p.amount) AS amount
          FROM payments p JOIN finalized i ON i.id = p.invoice_id
          WHERE p.tenant_id = :tenant AND p.status = 'SUCCEEDED'
          GROUP BY 1, 2, 3
          UNION ALL
          SELECT 'refunded.' || p.method, i.currency, i.day, sum(r.amount)
          FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN finalized i ON i.id = r.invoice_id
          WHERE r.tenant_id = :tenant AND r.status = 'SUCCEEDED' AND p.captured_after_cancel_at IS NULL
          GROUP BY 1, 2, 3
        ), projection AS (
          SELECT CASE m.kind WHEN 'PAYMENT' THEN 'paid.' ELSE 'refunded.' END || m.method AS figure, i.currency, i.day,
                 sum(m.amount) AS amount
          FROM finance_money m JOIN finalized i ON i.id = m.invoice_id
          WHERE m.tenant_id = :tenant AND m.kind IN ('PAYMENT', 'REFUND')
          GROUP BY 1, 2, 3
        )
        SELECT coalesce(s.figure, p.figure) AS figure, coalesce(s.currency, p.currency) AS currency,
               coalesce(s.day, p.day)::text AS period, coalesce(p.amount, 0) AS projection, coalesce(s.amount, 0) AS source
        FROM source s FULL JOIN projection p ON p.figure = s.figure AND p.currency = s.currency AND p.day = s.day
        """, tenant, zone, from, to);
  }

  /**
   * Card disputes closed lost in the range, by the disputed payment's method, per day the dispute
   * closed ({@code disputesLost.CARD}): the same day rule as the projection, which puts DisputeClosed
   * on the tenant's day of the event (written in the transaction that closed the dispute). Source:
   * payment_disputes LOST by closed_at (the tenant's rows through payment_disputes_reference_uq, which
   * starts with tenant_id); projection: DISPUTE_LOST rows of finance_money through finance_money_day_idx.
   */
  private Flux<Pair> disputesLost(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
    return pairs("""
        WITH source AS (
          SELECT 'disputesLost.' || p.method AS figure, d.currency, (d.closed_at AT TIME ZONE :zone)::date AS day,
                 sum(d.amount) AS amount
          FROM payment_disputes d JOIN payments p ON p.id = d.payment_id
          WHERE d.tenant_id = :tenant AND d.status = 'LOST' AND (d.closed_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
          GROUP BY 1, 2, 3
        ), projection AS (
          SELECT 'disputesLost.' || m.method AS figure, m.currency::text AS currency, m.day, sum(m.amount) AS amount
          FROM finance_money m
          WHERE m.tenant_id = :tenant AND m.kind = 'DISPUTE_LOST' AND m.day BETWEEN :from AND :to
          GROUP BY 1, 2, 3
        )
        SELECT coalesce(s.figure, p.figure) AS figure, coalesce(s.currency, p.currency) AS currency,
               coalesce(s.day, p.day)::text AS period, coalesce(p.amount, 0) AS projection, coalesce(s.amount, 0) AS source
        FROM source s FULL JOIN projection p ON p.figure = s.figure AND p.currency = s.currency AND p.day = s.day
        """, tenant, zone, from, to);
  }

  /** What all cards hold at the end of {@code to}: the ledger's sum up to then against the projection's moves. */
  private Flux<Pair> giftCards(UUID tenant, ZoneId zone, LocalDate to) {
    return pairs("""
        WITH source AS (
          SELECT c.currency, sum(l.amount) AS amount
          FROM gift_card_ledger l JOIN gift_cards c ON c.id = l.gift_card_id
          WHERE c.tenant_id = :tenant AND (l.at AT TIME ZONE :zone)::date <= :to
          GROUP BY 1
        ), projection AS (
          SELECT currency::text AS currency, sum(amount) AS amount FROM finance_gift_card_moves
          WHERE tenant_id = :tenant AND day <= :to
          GROUP BY 1
        )
        SELECT 'giftCardOutstanding' AS figure, coalesce(s.currency, p.currency) AS currency, :to::text AS period,
               coalesce(p.amount, 0) AS projection, coalesce(s.amount, 0) AS source
        FROM source s FULL JOIN projection p ON p.currency = s.currency
        """, tenant, zone, null, to);
  }

  /** Package purchases made in the range, per day: sessions sold, and sessions they have left now. */
  private Flux<Pair> packages(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
    return pairs("""
        WITH source AS (
          SELECT i.currency, (pp.created_at AT TIME ZONE :zone)::date AS day, sum(pp.sessions_total) AS sold,
                 sum(pp.sessions_remaining) AS left_now
          FROM package_purchases pp JOIN invoices i ON i.id = pp.invoice_id
          WHERE pp.tenant_id = :tenant AND (pp.created_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
          GROUP BY 1, 2
        ), projection AS (
          SELECT p.currency::text AS currency, p.day, sum(p.sessions) AS sold,
                 sum((SELECT sum(m.sessions) FROM finance_package_moves m
                      WHERE m.tenant_id = p.tenant_id AND m.purchase_id = p.purchase_id)) AS left_now
          FROM finance_packages p
          WHERE p.tenant_id = :tenant AND p.day BETWEEN :from AND :to
          GROUP BY 1, 2
        )
        SELECT f.figure, coalesce(s.currency, p.currency) AS currency, coalesce(s.day, p.day)::text AS period,
               coalesce(f.projection, 0) AS projection, coalesce(f.source, 0) AS source
        FROM source s FULL JOIN projection p ON p.currency = s.currency AND p.day = s.day,
             LATERAL (VALUES ('packageSessionsSold', p.sold, s.sold), ('packageSessionsLeft', p.left_now, s.left_now))
               AS f(figure, projection, source)
        """, tenant, zone, from, to);
  }

  /** Memberships started in the range per day, and those of them ended by now. */
  private Flux<Pair> memberships(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
    return pairs("""
        WITH source AS (
          SELECT currency, (created_at AT TIME ZONE :zone)::date AS day, count(*) AS started,
                 count(*) FILTER (WHERE status = 'ENDED') AS ended
          FROM memberships
          WHERE tenant_id = :tenant AND (created_at AT TIME ZONE :zone)::date BETWEEN :from AND :to
          GROUP BY 1, 2
        ), projection AS (
          SELECT currency::text AS currency, started_day AS day, count(*) AS started, count(ended_day) AS ended
          FROM finance_memberships
          WHERE tenant_id = :tenant AND started_day BETWEEN :from AND :to
          GROUP BY 1, 2
        )
        SELECT f.figure, coalesce(s.currency, p.currency) AS currency, coalesce(s.day, p.day)::text AS period,
               coalesce(f.projection, 0) AS projection, coalesce(f.source, 0) AS source
        FROM source s FULL JOIN projection p ON p.currency = s.currency AND p.day = s.day,
             LATERAL (VALUES ('membershipsStarted', p.started, s.started), ('membershipsEnded', p.ended, s.ended))
               AS f(figure, projection, source)
        """, tenant, zone, from, to);
  }

  private Flux<Pair> pairs(String sql, UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
    var spec = db.sql(sql).bind("tenant", tenant).bind("zone", zone.getId()).bind("to", to);
    if (from != null) {
      spec = spec.bind("from", from);
    }
    return spec.map(row -> new Pair(row.get("figure", String.class), row.get("currency", String.class), row.get("period", String.class),
            ((Number) row.get("projection")).longValue(), ((Number) row.get("source")).longValue()))
        .all();
  }
}
