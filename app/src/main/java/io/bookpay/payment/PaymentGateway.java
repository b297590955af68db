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
 *
 * <p>A call that fails may or may not have reached the processor: the charge or refund stays PENDING
 * and {@link GatewayReconciler} asks again ({@link #lookUpCharge}, {@link #lookUpRefund}) until the
 * processor answers.
 */
public interface PaymentGateway {

  Mono<Result> charge(Charge charge);

  Mono<Result> refund(UUID tenantId, UUID refundId, String chargeReference, long amount, String currency);

  /**
   * Asks the processor to drop a charge Bookpay has canceled (best effort, after the cancel is
   * committed). If the processor took the money anyway, its success webhook makes Bookpay refund it.
   * {@code chargeReference} is null when the charge call never answered.
   */
  Mono<Void> cancel(UUID tenantId, UUID paymentId, String chargeReference);

  /**
   * The processor's word on a charge whose first call never answered: found at the processor (by our
   * id) or, when it never arrived there, made now with the same idempotency key. By default the call
   * is simply repeated, which the idempotency key makes safe.
   */
  default Mono<Result> lookUpCharge(Charge charge) {
    return charge(charge);
  }

  /** As {@link #lookUpCharge}, for a refund. */
  default Mono<Result> lookUpRefund(UUID tenantId, UUID refundId, String chargeReference, long amount, String currency) {
    return refund(tenantId, refundId, chargeReference, amount, currency);
  }

  /** False for the stand-in used when no processor is configured: card payments are then refused. */
  default boolean configured() {
    return true;
  }

  /** Whether this tenant can take card payments through this processor (e.g. has connected its account). */
  default Mono<Boolean> readyFor(UUID tenantId) {
    return Mono.just(configured());
  }

  enum Outcome { PENDING, SUCCEEDED, FAILED }

  /** A card payment to take: {@code amount} in minor units of {@code currency}. */
  record Charge(UUID tenantId, UUID paymentId, UUID invoiceId, long amount, String currency) {}

  /**
   * {@code reference} is the processor's id of the charge or refund; {@code failureReason} (a message
   * a person can read) and {@code failureCode} (the processor's code, e.g. a card's decline code) are
   * set when FAILED. For a charge the client's device completes: {@code clientSecret} and
   * {@code publishableKey} for the front end, and {@code nextAction} when the card asks for more
   * (3-D Secure).
   */
  record Result(Outcome outcome, String reference, String failureReason, String failureCode, NextAction nextAction,
      String clientSecret, String publishableKey) {

    public Result(Outcome outcome, String reference, String failureReason) {
      this(outcome, reference, failureReason, null, null, null, null);
    }
  }
}
