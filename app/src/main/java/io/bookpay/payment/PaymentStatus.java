package io.bookpay.payment;

/**
 * Of a payment or a refund: PENDING until the gateway answers (cards only), then SUCCEEDED or FAILED.
 * CANCELED (payments only) is a PENDING card payment the business called off: terminal, its
 * reserved amount released; if the processor takes the money anyway, it is refunded at once.
 */
public enum PaymentStatus {
  PENDING, SUCCEEDED, FAILED, CANCELED
}
