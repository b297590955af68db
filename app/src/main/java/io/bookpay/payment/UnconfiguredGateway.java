package io.bookpay.payment;

import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gateway when none is configured ({@code bookpay.payments.gateway} unset or {@code none}): it
 * takes nothing. {@link PaymentService} asks {@link #configured()} first and refuses card payments
 * and card refunds with 422 {@code card-payments-not-configured}; the calls below only back that up.
 */
@Component("unconfiguredGateway")
@Lazy
class UnconfiguredGateway implements PaymentGateway {

  @Override
  public boolean configured() {
    return false;
  }

  @Override
  public Mono<Result> charge(Charge charge) {
    return Mono.error(new IllegalStateException("No payment gateway is configured"));
  }

  @Override
  public Mono<Result> refund(UUID tenantId, UUID refundId, String chargeReference, long amount, String currency) {
    return Mono.error(new IllegalStateException("No payment gateway is configured"));
  }

  @Override
  public Mono<Void> cancel(UUID tenantId, UUID paymentId, String chargeReference) {
    return Mono.empty();
  }
}
