package io.bookpay.payment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Of a payment or a refund: PENDING until the gateway answers (cards only), then SUCCEEDED or FAILED;
 * FAILED → SUCCEEDED when a later attempt of the same intent went through. Statuses only move forward:
 * SUCCEEDED is final. CANCELED (payments only) is a PENDING card payment the business called off:
 * final, its reserved amount released; if the processor takes the money anyway, it is refunded at once.
 */
public enum PaymentStatus {
  PENDING, SUCCEEDED, FAILED, CANCELED;

  public Set<PaymentStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(SUCCEEDED, FAILED, CANCELED);
      case FAILED -> EnumSet.of(SUCCEEDED);
      case SUCCEEDED, CANCELED -> EnumSet.noneOf(PaymentStatus.class);
    };
  }

  public boolean canMoveTo(PaymentStatus target) {
    return next().contains(target);
  }
}
