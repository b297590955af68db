package io.bookpay.payment;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The port to a card processor. Bookpay calls it outside any database transaction, after the
 * payment or refund is recorded as PENDING; the answer is usually PENDING too, and the processor
 * confirms later through its webhooks ({@link PaymentService#applyChargeOutcome},
 * {@link PaymentService#applyRefundOutcome}). Our ids are passed as the processor's idempotency
 * keys and as metadata ({@code bookpay_payment_id}, {@code bookpay_refund_id}), so a retried call
 * never charges twice and a webhook finds its payment even before the reference is stored.
 */
public interface PaymentGateway {

  Mono<Result> charge(UUID tenantId, UUID paymentId, long amount, String currency);

  Mono<Result> refund(UUID tenantId, UUID refundId, String chargeReference, long amount, String currency);

  /**
   * Asks the processor to drop a charge Bookpay has canceled (best effort, after the cancel is
   * committed). If the processor took the money anyway, its success webhook makes Bookpay refund it.
   * {@code chargeReference} is null when the charge call never answered.
   */
  Mono<Void> cancel(UUID tenantId, UUID paymentId, String chargeReference);

  /** False for the stand-in used when no processor is configured: card payments are then refused. */
  default boolean configured() {
    return true;
  }

  enum Outcome { PENDING, SUCCEEDED, FAILED }

  /** {@code reference} is the processor's id of the charge or refund; {@code failureReason} is set when FAILED. */
  record Result(Outcome outcome, String reference, String failureReason) {}
}
