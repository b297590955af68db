package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.money.CapturedAfterCancelRefunded;
import io.bookpay.events.money.DisputeClosed;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.PaymentCapturedAfterCancel;
import io.bookpay.events.money.PaymentSucceeded;
import io.bookpay.events.money.RefundSucceeded;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Money that moved ({@code finance_money}) and its spread over line kinds
 * ({@code finance_money_line_kinds}): payments, refunds, card disputes lost (DisputeClosed with
 * outcome {@code lost}: the disputed amount went back to the cardholder, by the payment's method; a
 * dispute won or still open moved no money), and the money a processor took after a cancel and its
 * refund, which no invoice counts and the reports keep apart. One row per event (and line kind), so
 * a repeat inserts nothing; the processor's dispute is closed once, so it has one DisputeClosed.
 */
@Component
class MoneyMoves {

  /** The line kind of money an event written before byLineKind cannot place (its invoice had several kinds). */
  static final String UNALLOCATED = "UNALLOCATED";

  /** The outcome of a dispute whose money went back to the cardholder. */
  static final String LOST = "lost";

  private final DatabaseClient db;

  MoneyMoves(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Days days) {
    Rows money = new Rows();
    Rows kinds = new Rows();
    for (EventEnvelope event : batch) {
      Object payload = event.payload();
      if (payload instanceof PaymentSucceeded p) {
        add(money, kinds, event, days, "PAYMENT", p.invoiceId(), p.paymentId(), null, p.payment());
      } else if (payload instanceof RefundSucceeded r) {
        add(money, kinds, event, days, "REFUND", r.invoiceId(), r.paymentId(), r.refundId(), r.refund());
      } else if (payload instanceof PaymentCapturedAfterCancel c) {
        add(money, kinds, event, days, "CAPTURED_AFTER_CANCEL", c.invoiceId(), c.paymentId(), c.refundId(), c.payment());
      } else if (payload instanceof CapturedAfterCancelRefunded c) {
        add(money, kinds, event, days, "CAPTURED_AFTER_CANCEL_REFUND", c.invoiceId(), c.paymentId(), c.refundId(), c.refund());
      } else if (payload instanceof DisputeClosed d && LOST.equalsIgnoreCase(d.outcome())) {
        add(money, kinds, event, days, "DISPUTE_LOST", d.invoiceId(), d.paymentId(), null, d.dispute());
      }
    }
    if (money.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_money (tenant_id, event_id, day, currency, kind, method, amount, invoice_id, payment_id, refund_id,
                                       allocated, occurred_at)
            SELECT * FROM unnest(:tenants::uuid[], :events::uuid[], :days::date[], :currencies::text[], :kinds::text[], :methods::text[],
                                 :amounts::bigint[], :invoices::uuid[], :payments::uuid[], :refunds::uuid[], :allocated::boolean[],
                                 :times::timestamptz[])
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            """)
        .bind("tenants", money.column(0, UUID.class)).bind("events", money.column(1, UUID.class))
        .bind("days", money.column(2, LocalDate.class)).bind("currencies", money.column(3, String.class))
        .bind("kinds", money.column(4, String.class)).bind("methods", money.column(5, String.class))
        .bind("amounts", money.column(6, Long.class)).bind("invoices", money.column(7, UUID.class))
        .bind("payments", money.column(8, UUID.class)).bind("refunds", money.column(9, UUID.class))
        .bind("allocated", money.column(10, Boolean.class)).bind("times", money.column(11, Instant.class))
        .then()
        .then(db.sql("""
            INSERT INTO finance_money_line_kinds (tenant_id, event_id, line_kind, day, currency, kind, invoice_id, amount)
            SELECT * FROM unnest(:tenants::uuid[], :events::uuid[], :lineKinds::text[], :days::date[], :currencies::text[],
                                 :kinds::text[], :invoices::uuid[], :amounts::bigint[])
            ON CONFLICT (tenant_id, event_id, line_kind) DO NOTHING
            """)
            .bind("tenants", kinds.column(0, UUID.class)).bind("events", kinds.column(1, UUID.class))
            .bind("lineKinds", kinds.column(2, String.class)).bind("days", kinds.column(3, LocalDate.class))
            .bind("currencies", kinds.column(4, String.class)).bind("kinds", kinds.column(5, String.class))
            .bind("invoices", kinds.column(6, UUID.class)).bind("amounts", kinds.column(7, Long.class))
            .then());
  }

  private static void add(Rows money, Rows kinds, EventEnvelope event, Days days, String kind, UUID invoice, UUID payment, UUID refund,
      MoneyFacts facts) {
    LocalDate day = days.day(event);
    money.add(event.tenantId(), event.eventId(), day, facts.currency(), kind, facts.method(), facts.amount(), invoice, payment, refund,
        !byLineKind(facts).containsKey(UNALLOCATED), event.occurredAt());
    byLineKind(facts).forEach((lineKind, amount) -> {
      if (amount != 0) {
        kinds.add(event.tenantId(), event.eventId(), lineKind, day, facts.currency(), kind, invoice, amount);
      }
    });
  }

  /** The event's allocation; before it existed, all to the invoice's only kind, or {@value #UNALLOCATED}. */
  static Map<String, Long> byLineKind(MoneyFacts facts) {
    if (facts.byLineKind() != null && !facts.byLineKind().isEmpty()) {
      return facts.byLineKind();
    }
    List<String> kinds = facts.lineItemKinds();
    return Map.of(kinds != null && kinds.size() == 1 ? kinds.get(0) : UNALLOCATED, facts.amount());
  }
}
