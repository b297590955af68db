package io.bookpay.payment;

import io.bookpay.platform.worker.PeriodicBatchJob;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Looks up card charges and refunds whose processor never answered (a timeout, an outage, a crash
 * between commit and call): each due {@link GatewayChecks} row asks the gateway again with the same
 * idempotency key, so nothing is charged or refunded twice and nothing is lost. A look-up that fails
 * waits twice as long before the next one (up to {@code bookpay.payments.reconciler.max-delay});
 * the check goes once the processor's answer is stored. Every instance runs it; SKIP LOCKED keeps
 * them apart.
 */
@Component
class GatewayReconciler extends PeriodicBatchJob {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GatewayReconciler.class);

  private final GatewayChecks checks;
  private final PaymentRepository payments;
  private final PaymentService service;
  private final Refunds refunds;
  private final PaymentsProperties.Reconciler settings;
  private final Clock clock;

  GatewayReconciler(GatewayChecks checks, PaymentRepository payments, PaymentService service, Refunds refunds,
      PaymentsProperties properties, Clock clock) {
    super("Gateway reconciler", properties.reconciler().interval(), properties.reconciler().batchSize());
    this.checks = checks;
    this.payments = payments;
    this.service = service;
    this.refunds = refunds;
    this.settings = properties.reconciler();
    this.clock = clock;
  }

  @Override
  protected Mono<Integer> runBatch(int batchSize) {
    return checks.claimDue(clock.instant(), batchSize, settings.after(), settings.maxDelay())
        .flatMap(check -> reconcile(check)
            .onErrorResume(e -> {
              log.warn("Gateway look-up {} of {} {} failed; it is tried again later", check.attempts(),
                  check.paymentId() != null ? "payment" : "refund", check.paymentId() != null ? check.paymentId() : check.refundId(), e);
              String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
              return checks.failed(check.id(), message, clock.instant());
            }), 4)
        .count()
        .map(Long::intValue);
  }

  /** Done when the charge or refund is no longer PENDING without a reference; otherwise asks the gateway. */
  private Mono<Void> reconcile(GatewayChecks.Check check) {
    if (check.paymentId() != null) {
      return payments.find(check.tenantId(), check.paymentId())
          .filter(p -> p.status() == PaymentStatus.PENDING && p.gatewayReference() == null)
          .map(Optional::of).defaultIfEmpty(Optional.empty())
          .flatMap(p -> p.isPresent() ? service.reconcileCharge(p.get()).then() : checks.delete(check.id()));
    }
    return payments.findRefund(check.tenantId(), check.refundId())
        .filter(r -> r.status() == PaymentStatus.PENDING && r.gatewayReference() == null)
        .map(Optional::of).defaultIfEmpty(Optional.empty())
        .flatMap(r -> r.isPresent() ? refunds.reconcile(r.get()).then() : checks.delete(check.id()));
  }
}
