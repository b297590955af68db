package io.bookpay.payment;

import io.bookpay.events.DomainEvent;
import io.bookpay.events.money.PaymentAllocated;
import io.bookpay.events.money.RefundAllocated;
import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.invoice.LineItem;
import io.bookpay.outbox.Outbox;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The backfill's part of the money: for every SUCCEEDED payment of a tenant a {@link PaymentAllocated}
 * and for every SUCCEEDED refund a {@link RefundAllocated}, each with the line-kind split a
 * PaymentSucceeded or RefundSucceeded of today carries, so the finance projection can spread payments
 * made before that field existed. Refunds of a payment captured after its cancel are left out: the
 * invoice never counted that money and its own events say so. Reads without locks: what the split
 * depends on (the amount, the finalized invoice's lines) never changes once settled. Runs in the
 * caller's transaction, on its one connection, one invoice after the other.
 */
@Service
public class PaymentAllocations {

  /** What one tenant's run published. */
  public record Published(long payments, long refunds) {}

  private final PaymentRepository payments;
  private final InvoiceService invoices;
  private final Outbox outbox;

  PaymentAllocations(PaymentRepository payments, InvoiceService invoices, Outbox outbox) {
    this.payments = payments;
    this.invoices = invoices;
    this.outbox = outbox;
  }

  public Mono<Published> publish(UUID tenantId) {
    return payments.succeededInvoiceIds(tenantId)
        .concatMap(invoiceId -> invoices.find(tenantId, invoiceId)
            .flatMap(invoice -> invoices.lines(invoiceId).flatMap(lines -> ofInvoice(invoice, lines))))
        .reduce(new Published(0, 0), (a, b) -> new Published(a.payments() + b.payments(), a.refunds() + b.refunds()));
  }

  private Mono<Published> ofInvoice(Invoice invoice, List<LineItem> lines) {
    return payments.forInvoice(invoice.id())
        .filter(p -> p.status() == PaymentStatus.SUCCEEDED)
        .concatMap(p -> payments.refundsOf(p.id())
            .filter(r -> r.status() == PaymentStatus.SUCCEEDED)
            .map(r -> (DomainEvent) new RefundAllocated(invoice.id(), r.id(), p.id(), p.facts(invoice, r.amount(), lines)))
            .startWith(new PaymentAllocated(invoice.id(), p.id(), p.facts(invoice, p.amount(), lines), p.giftCardId())))
        .collectList()
        .flatMap(events -> outbox.append(invoice.tenantId(), events).thenReturn(new Published(
            events.stream().filter(PaymentAllocated.class::isInstance).count(),
            events.stream().filter(RefundAllocated.class::isInstance).count())));
  }
}
