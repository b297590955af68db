package io.bookpay.projection.finance;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.money.PackagePurchased;
import io.bookpay.events.money.PackageSessionRedeemed;
import io.bookpay.events.money.PackageSessionsRestored;
import io.bookpay.events.money.PackageSessionsReversed;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Packages: each purchase once ({@code finance_packages}, with its currency and price) and every
 * change of its sessions ({@code finance_package_moves}), signed as it moved what is left.
 */
@Component
class PackageMoves {

  private final DatabaseClient db;

  PackageMoves(DatabaseClient db) {
    this.db = db;
  }

  Mono<Void> apply(List<EventEnvelope> batch, Days days) {
    Rows purchases = new Rows();
    Rows moves = new Rows();
    for (EventEnvelope event : batch) {
      Object payload = event.payload();
      LocalDate day = days.day(event);
      if (payload instanceof PackagePurchased p) {
        purchases.add(event.tenantId(), p.purchaseId(), p.packageId(), p.serviceId(), p.customerId(), p.invoiceId(), p.currency(),
            p.sessions(), p.amount(), day);
        moves.add(event.tenantId(), event.eventId(), p.purchaseId(), day, "PURCHASED", p.sessions());
      } else if (payload instanceof PackageSessionRedeemed p) {
        moves.add(event.tenantId(), event.eventId(), p.purchaseId(), day, "REDEEMED", -1);
      } else if (payload instanceof PackageSessionsReversed p) {
        moves.add(event.tenantId(), event.eventId(), p.purchaseId(), day, "REVERSED", -p.sessions());
      } else if (payload instanceof PackageSessionsRestored p) {
        moves.add(event.tenantId(), event.eventId(), p.purchaseId(), day, "RESTORED", p.sessions());
      }
    }
    return purchases(purchases).then(moves(moves));
  }

  private Mono<Void> purchases(Rows rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_packages (tenant_id, purchase_id, package_id, service_id, customer_id, invoice_id, currency, sessions, amount, day)
            SELECT * FROM unnest(:tenants::uuid[], :purchases::uuid[], :packages::uuid[], :services::uuid[], :customers::uuid[],
                                 :invoices::uuid[], :currencies::text[], :sessions::int[], :amounts::bigint[], :days::date[])
            ON CONFLICT (tenant_id, purchase_id) DO NOTHING
            """)
        .bind("tenants", rows.column(0, UUID.class)).bind("purchases", rows.column(1, UUID.class))
        .bind("packages", rows.column(2, UUID.class)).bind("services", rows.column(3, UUID.class))
        .bind("customers", rows.column(4, UUID.class)).bind("invoices", rows.column(5, UUID.class))
        .bind("currencies", rows.column(6, String.class)).bind("sessions", rows.column(7, Integer.class))
        .bind("amounts", rows.column(8, Long.class)).bind("days", rows.column(9, LocalDate.class))
        .then();
  }

  private Mono<Void> moves(Rows rows) {
    if (rows.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            INSERT INTO finance_package_moves (tenant_id, event_id, purchase_id, day, kind, sessions)
            SELECT * FROM unnest(:tenants::uuid[], :events::uuid[], :purchases::uuid[], :days::date[], :kinds::text[], :sessions::int[])
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            """)
        .bind("tenants", rows.column(0, UUID.class)).bind("events", rows.column(1, UUID.class))
        .bind("purchases", rows.column(2, UUID.class)).bind("days", rows.column(3, LocalDate.class))
        .bind("kinds", rows.column(4, String.class)).bind("sessions", rows.column(5, Integer.class))
        .then();
  }
}
