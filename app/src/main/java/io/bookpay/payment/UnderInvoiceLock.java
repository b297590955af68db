package io.bookpay.payment;

import io.bookpay.invoice.Invoice;
import io.bookpay.invoice.InvoiceService;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One transaction of a payment, refund or cancel, under its invoice's row lock. Every money change
 * takes that lock first, then the payment's, then a gift card's, so concurrent payments, refunds
 * and redemptions serialise; a deadlock (with a statement that locks in another order) is retried
 * twice. The time is read inside, so a retry has its own.
 */
@Component
class UnderInvoiceLock {

  private final InvoiceService invoices;
  private final TransactionalOperator tx;
  private final Clock clock;

  UnderInvoiceLock(InvoiceService invoices, TransactionalOperator tx, Clock clock) {
    this.invoices = invoices;
    this.tx = tx;
    this.clock = clock;
  }

  /** Runs {@code work} with the locked invoice and the time, in one transaction (the caller's, if it has one). */
  <T> Mono<T> run(UUID tenantId, UUID invoiceId, BiFunction<Invoice, Instant, Mono<T>> work) {
    return Mono.defer(() -> {
          Instant now = clock.instant();
          return invoices.lock(tenantId, invoiceId)
              .switchIfEmpty(Mono.error(() -> ApiException.notFound("Invoice " + invoiceId)))
              .flatMap(invoice -> work.apply(invoice, now))
              .as(tx::transactional);
        })
        .retryWhen(Retry.max(2).filter(e -> SqlStates.is(e, SqlStates.DEADLOCK_DETECTED)));
  }
}
