package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.booking.BookingEvent;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.money.InvoiceEvent;
import io.bookpay.events.money.InvoiceIssued;
import io.bookpay.events.money.InvoicePaid;
import io.bookpay.events.money.InvoiceVoided;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finalized invoices ({@code finance_invoices}: InvoiceIssued, then the day InvoicePaid or
 * InvoiceVoided was applied) and the bookings they were made for ({@code finance_bookings}: the
 * service, provider and location of the booking's newest event). Each statement leaves a row as it
 * was when it sees an event again: an invoice is inserted once, a day once set stays, and a booking
 * row moves only to a newer event.
 */
@Component
class InvoiceFacts {

  private final DatabaseClient db;

  InvoiceFacts(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Days days) {
    Rows issued = new Rows();
    Rows paid = new Rows();
    Rows voided = new Rows();
    Rows bookings = new Rows();
    for (EventEnvelope event : batch) {
      Object payload = event.payload();
      if (payload instanceof InvoiceIssued i) {
        InvoiceEvent.InvoiceFacts f = i.invoice();
        issued.add(event.tenantId(), i.invoiceId(), f.currency(), f.customerId(), f.bookingId(), f.subtotal(), f.discount(), f.tax(),
            f.total(), event.occurredAt(), days.day(event), f.dueAt(), days.day(event.tenantId(), f.dueAt()));
      } else if (payload instanceof InvoicePaid p) {
        paid.add(event.tenantId(), p.invoiceId(), days.day(event));
      } else if (payload instanceof InvoiceVoided v) {
        voided.add(event.tenantId(), v.invoiceId(), days.day(event));
      } else if (payload instanceof BookingEvent b) {
        BookingFacts f = b.booking();
        bookings.add(event.tenantId(), f.bookingId(), f.serviceId(), f.providerId(), f.locationId(), event.occurredAt());
      }
    }
    return issue(issued).then(markDay(paid, "paid_day")).then(markDay(voided, "voided_day")).then(bookings(bookings));
  }

  private Mono<Void> issue(Rows rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_invoices (tenant_id, invoice_id, currency, customer_id, booking_id, subtotal, discount, tax, total,
                                          finalized_at, finalized_day, due_at, due_day)
            SELECT * FROM unnest(:tenants::uuid[], :invoices::uuid[], :currencies::text[], :customers::uuid[], :bookings::uuid[],
                                 :subtotals::bigint[], :discounts::bigint[], :taxes::bigint[], :totals::bigint[],
                                 :finalizedAt::timestamptz[], :finalizedDays::date[], :dueAt::timestamptz[], :dueDays::date[])
            ON CONFLICT (tenant_id, invoice_id) DO NOTHING
            """)
        .bind("tenants", rows.column(0, UUID.class)).bind("invoices", rows.column(1, UUID.class))
        .bind("currencies", rows.column(2, String.class)).bind("customers", rows.column(3, UUID.class))
        .bind("bookings", rows.column(4, UUID.class)).bind("subtotals", rows.column(5, Long.class))
        .bind("discounts", rows.column(6, Long.class)).bind("taxes", rows.column(7, Long.class))
        .bind("totals", rows.column(8, Long.class)).bind("finalizedAt", rows.column(9, Instant.class))
        .bind("finalizedDays", rows.column(10, LocalDate.class)).bind("dueAt", rows.column(11, Instant.class))
        .bind("dueDays", rows.column(12, LocalDate.class))
        .then();
  }

  /** Sets the day column once (the first such event applied); {@code column} is one of two constants above. */
  private Mono<Void> markDay(Rows rows, String column) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    String sql = "paid_day".equals(column) ? """
        UPDATE finance_invoices i SET paid_day = t.day
        FROM (SELECT tenant_id, invoice_id, min(day) AS day FROM unnest(:tenants::uuid[], :invoices::uuid[], :days::date[])
              AS u(tenant_id, invoice_id, day) GROUP BY tenant_id, invoice_id) t
        WHERE i.tenant_id = t.tenant_id AND i.invoice_id = t.invoice_id AND i.paid_day IS NULL
        """ : """
        UPDATE finance_invoices i SET voided_day = t.day
        FROM (SELECT tenant_id, invoice_id, min(day) AS day FROM unnest(:tenants::uuid[], :invoices::uuid[], :days::date[])
              AS u(tenant_id, invoice_id, day) GROUP BY tenant_id, invoice_id) t
        WHERE i.tenant_id = t.tenant_id AND i.invoice_id = t.invoice_id AND i.voided_day IS NULL
        """;
    return db.sql(sql)
        .bind("tenants", rows.column(0, UUID.class)).bind("invoices", rows.column(1, UUID.class))
        .bind("days", rows.column(2, LocalDate.class))
        .then();
  }

  /** The newest event per booking in the batch wins, and only over an older stored one. */
  private Mono<Void> bookings(Rows rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_bookings (tenant_id, booking_id, service_id, provider_id, location_id, state_at)
            SELECT DISTINCT ON (tenant_id, booking_id) *
            FROM unnest(:tenants::uuid[], :bookings::uuid[], :services::uuid[], :providers::uuid[], :locations::uuid[],
                        :times::timestamptz[]) AS t(tenant_id, booking_id, service_id, provider_id, location_id, state_at)
            ORDER BY tenant_id, booking_id, state_at DESC
            ON CONFLICT (tenant_id, booking_id) DO UPDATE
              SET service_id = EXCLUDED.service_id, provider_id = EXCLUDED.provider_id, location_id = EXCLUDED.location_id,
                  state_at = EXCLUDED.state_at
              WHERE finance_bookings.state_at <= EXCLUDED.state_at
            """)
        .bind("tenants", rows.column(0, UUID.class)).bind("bookings", rows.column(1, UUID.class))
        .bind("services", rows.column(2, UUID.class)).bind("providers", rows.column(3, UUID.class))
        .bind("locations", rows.column(4, UUID.class)).bind("times", rows.column(5, Instant.class))
        .then();
  }
}
