package io.bookpay.payment;

import io.bookpay.events.money.DisputeClosed;
import io.bookpay.events.money.DisputeOpened;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.outbox.Outbox;
import io.bookpay.platform.clock.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Card disputes ({@code payment_disputes}), as the processor reports them: opened, then closed won or
 * lost, each announced once (DisputeOpened, DisputeClosed with the amount) whatever the order and
 * however often the processor tells. A lost dispute is money given back; the payment and invoice keep
 * their amounts, and the read side counts the loss from DisputeClosed.
 */
@Component
class Disputes {

  private final DatabaseClient db;
  private final PaymentRepository payments;
  private final InvoiceService invoices;
  private final UnderInvoiceLock underLock;
  private final Outbox outbox;
  private final Ids ids;

  Disputes(DatabaseClient db, PaymentRepository payments, InvoiceService invoices, UnderInvoiceLock underLock, Outbox outbox, Ids ids) {
    this.db = db;
    this.payments = payments;
    this.invoices = invoices;
    this.underLock = underLock;
    this.outbox = outbox;
    this.ids = ids;
  }

  /**
   * @param outcome null while the dispute is open, else {@code won} or {@code lost}
   */
  Mono<Settlement<String>> apply(UUID tenantId, String disputeReference, String paymentReference, long amount, String currency,
      String reason, String outcome) {
    return payments.findByGatewayReference(tenantId, paymentReference == null ? "" : paymentReference)
        .switchIfEmpty(Mono.error(() -> new NotYetKnown("Dispute " + disputeReference + " is of payment " + paymentReference
            + ", which is not known (yet).")))
        .flatMap(payment -> underLock.run(tenantId, payment.invoiceId(), (invoice, now) -> opened(invoice, payment, disputeReference,
                amount, currency, reason, now)
            .flatMap(opened -> outcome == null
                ? Mono.just(new Settlement<>(disputeReference, opened, opened ? "dispute " + disputeReference + " opened"
                    : "stale: dispute " + disputeReference + " is known already"))
                : closed(invoice, payment, disputeReference, amount, currency, outcome, now)
                    .map(closed -> new Settlement<>(disputeReference, opened || closed, closed
                        ? "dispute " + disputeReference + " " + outcome : "stale: dispute " + disputeReference + " is closed already")))));
  }

  /** Records the dispute if new and announces it; false when it was known. */
  private Mono<Boolean> opened(Invoice invoice, Payment payment, String reference, long amount, String currency, String reason,
      Instant now) {
    String upper = currency == null ? payment.currency() : currency.toUpperCase(Locale.ROOT);
    return db.sql("""
            INSERT INTO payment_disputes (id, tenant_id, payment_id, invoice_id, gateway_reference, amount, currency, reason, status,
                opened_at, created_at, updated_at)
            VALUES (:id, :tenantId, :paymentId, :invoiceId, :ref, :amount, :currency, :reason, 'OPEN', :now, :now, :now)
            ON CONFLICT (tenant_id, gateway_reference) DO NOTHING
            """)
        .bind("id", ids.next()).bind("tenantId", payment.tenantId()).bind("paymentId", payment.id()).bind("invoiceId", invoice.id())
        .bind("ref", reference).bind("amount", amount).bind("currency", upper)
        .bind("reason", Parameter.fromOrEmpty(reason, String.class)).bind("now", now)
        .fetch().rowsUpdated()
        .flatMap(n -> n == 0 ? Mono.just(false) : invoices.lines(invoice.id())
            .flatMap(lines -> outbox.append(payment.tenantId(),
                List.of(new DisputeOpened(invoice.id(), payment.id(), reference, payment.facts(invoice, amount, lines), reason))))
            .thenReturn(true));
  }

  /** Closes an open dispute and announces the outcome; false when it was closed already. */
  private Mono<Boolean> closed(Invoice invoice, Payment payment, String reference, long amount, String currency, String outcome,
      Instant now) {
    return db.sql("""
            UPDATE payment_disputes SET status = :status, closed_at = :now, amount = :amount, updated_at = :now
            WHERE tenant_id = :tenantId AND gateway_reference = :ref AND status = 'OPEN'
            """)
        .bind("status", outcome.toUpperCase(Locale.ROOT)).bind("now", now).bind("amount", amount)
        .bind("tenantId", payment.tenantId()).bind("ref", reference)
        .fetch().rowsUpdated()
        .flatMap(n -> n == 0 ? Mono.just(false) : invoices.lines(invoice.id())
            .flatMap(lines -> outbox.append(payment.tenantId(),
                List.of(new DisputeClosed(invoice.id(), payment.id(), reference, payment.facts(invoice, amount, lines), outcome))))
            .thenReturn(true));
  }
}
