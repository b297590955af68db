package io.bookpay.money;

import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gateway for local runs and tests: it accepts every charge and refund and leaves it PENDING,
 * as a real processor does, with a reference derived from our id. Confirmation comes as it would
 * from the processor, through {@link PaymentService#settleCharge} / {@link PaymentService#settleRefund}.
 */
@Component
class SimulatedGateway implements PaymentGateway {

  @Override
  public Mono<Result> charge(UUID paymentId, long amount, String currency) {
    return Mono.just(new Result(Outcome.PENDING, "sim_ch_" + paymentId.toString().replace("-", ""), null));
  }

  @Override
  public Mono<Result> refund(UUID refundId, String chargeReference, long amount, String currency) {
    return Mono.just(new Result(Outcome.PENDING, "sim_re_" + refundId.toString().replace("-", ""), null));
  }
}
