package io.bookpay.money;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The port to a card processor. Bookpay calls it outside any database transaction, after the
 * payment or refund is recorded as PENDING; the answer is usually PENDING too, and the processor
 * confirms later (the webhook path calls {@link PaymentService#settleCharge} and
 * {@link PaymentService#settleRefund}). Our ids are passed as the processor's idempotency keys,
 * so a retried call never charges twice.
 */
public interface PaymentGateway {

  Mono<Result> charge(UUID paymentId, long amount, String currency);

  Mono<Result> refund(UUID refundId, String chargeReference, long amount, String currency);

  enum Outcome { PENDING, SUCCEEDED, FAILED }

  /** {@code reference} is the processor's id of the charge or refund; {@code failureReason} is set when FAILED. */
  record Result(Outcome outcome, String reference, String failureReason) {}
}
