package io.bookpay.payment;

import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What charges and refunds share on their way through the {@link PaymentGateway}: each is recorded
 * PENDING and committed, then sent; the processor's answer, at once or later by webhook, settles it
 * as {@link PaymentStatus} allows.
 */
final class GatewayAnswers {

  private static final Logger log = LoggerFactory.getLogger(GatewayAnswers.class);

  private GatewayAnswers() {}

  /**
   * Sends a recorded PENDING charge or refund ({@code call}): a PENDING answer keeps the processor's
   * reference, a final one is applied at once (in a transaction of its own). A call that fails may or
   * may not have reached the processor, so {@code pending} stays PENDING: the processor's webhook (or
   * the {@link GatewayReconciler}, asking again with our id as its idempotency key) settles it.
   */
  static <T> Mono<T> send(String what, UUID id, T pending, Mono<PaymentGateway.Result> call,
      Function<PaymentGateway.Result, Mono<T>> keepReference, Function<PaymentGateway.Result, Mono<T>> apply) {
    return answer(call, keepReference, apply)
        .onErrorResume(e -> {
          log.warn("Gateway call for {} {} failed; it stays PENDING", what, id, e);
          return Mono.just(pending);
        });
  }

  /** As {@link #send}, but a failed call fails: the reconciler tries again later. */
  static <T> Mono<T> answer(Mono<PaymentGateway.Result> call, Function<PaymentGateway.Result, Mono<T>> keepReference,
      Function<PaymentGateway.Result, Mono<T>> apply) {
    return call.flatMap(result -> switch (result.outcome()) {
      case PENDING -> keepReference.apply(result);
      case SUCCEEDED, FAILED -> apply.apply(result);
    });
  }

  /** A charge or refund a provider's word is about: by its reference, or (before that is stored) by our id from its metadata. */
  static <T> Mono<T> byReferenceOrId(Mono<T> byReference, UUID id, Function<UUID, Mono<T>> byId) {
    return byReference.switchIfEmpty(Mono.defer(() -> id == null ? Mono.empty() : byId.apply(id)));
  }

  /**
   * The processor's final word on a charge or refund now in {@code from}: {@code move} makes the move
   * to SUCCEEDED or FAILED when the status machine allows it (PENDING → either; FAILED → SUCCEEDED, a
   * later attempt of the same intent went through) and does what the move entails; any other word is
   * stale, reported and not applied.
   */
  static <T> Mono<Settlement<T>> settle(T current, String name, PaymentStatus from, boolean succeeded,
      Function<PaymentStatus, Mono<Settlement<T>>> move) {
    PaymentStatus to = succeeded ? PaymentStatus.SUCCEEDED : PaymentStatus.FAILED;
    if (from.canMoveTo(to)) {
      return move.apply(to);
    }
    return Mono.just(new Settlement<>(current, false,
        "stale: " + name + " is already " + from + "; " + (succeeded ? "success" : "failure") + " not applied"));
  }
}
