package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.money.InvoiceEvent.MoneyFacts;
import io.bookpay.events.money.PaymentAllocated;
import io.bookpay.events.money.RefundAllocated;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The backfill's allocations of payments and refunds made before their events carried
 * {@code byLineKind} ({@code PaymentAllocated}, {@code RefundAllocated}): they move no money. A
 * payment or refund counted with its money UNALLOCATED gets the split instead, on the day it was
 * counted; one whose split is known already (or not counted) ignores it, so a repeat changes nothing.
 */
@Component
class Allocations {

  private final DatabaseClient db;

  Allocations(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch) {
    return Flux.fromIterable(batch).concatMap(event -> {
      Object payload = event.payload();
      if (payload instanceof PaymentAllocated p) {
        return allocate(event.tenantId(), p.invoiceId(), "PAYMENT", p.paymentId(), null, p.payment());
      }
      if (payload instanceof RefundAllocated r) {
        return allocate(event.tenantId(), r.invoiceId(), "REFUND", r.paymentId(), r.refundId(), r.refund());
      }
      return Mono.empty();
    }).then();
  }

  /** Marks the counted row allocated (only if it was not), then replaces its line-kind rows; found by finance_money_invoice_idx. */
  private Mono<Void> allocate(UUID tenant, UUID invoice, String kind, UUID payment, UUID refund, MoneyFacts facts) {
    if (facts.byLineKind() == null || facts.byLineKind().isEmpty()) {
      return Mono.empty();
    }
    var claim = db.sql("""
            UPDATE finance_money SET allocated = true
            WHERE tenant_id = :tenant AND invoice_id = :invoice AND kind = :kind AND payment_id = :payment
              AND refund_id IS NOT DISTINCT FROM :refund::uuid AND NOT allocated
            RETURNING event_id
            """)
        .bind("tenant", tenant).bind("invoice", invoice).bind("kind", kind).bind("payment", payment);
    claim = refund == null ? claim.bindNull("refund", UUID.class) : claim.bind("refund", refund);
    Map<String, Long> split = facts.byLineKind();
    return claim.map(row -> row.get("event_id", UUID.class)).all()
        .concatMap(eventId -> db.sql("DELETE FROM finance_money_line_kinds WHERE tenant_id = :tenant AND event_id = :event")
            .bind("tenant", tenant).bind("event", eventId).then()
            .then(db.sql("""
                    INSERT INTO finance_money_line_kinds (tenant_id, event_id, line_kind, day, currency, kind, invoice_id, amount)
                    SELECT m.tenant_id, m.event_id, s.line_kind, m.day, m.currency, m.kind, m.invoice_id, s.amount
                    FROM finance_money m, unnest(:kinds::text[], :amounts::bigint[]) AS s(line_kind, amount)
                    WHERE m.tenant_id = :tenant AND m.event_id = :event AND s.amount <> 0
                    """)
                .bind("tenant", tenant).bind("event", eventId)
                .bind("kinds", split.keySet().toArray(String[]::new))
                .bind("amounts", split.values().toArray(Long[]::new))
                .then()))
        .then();
  }
}
