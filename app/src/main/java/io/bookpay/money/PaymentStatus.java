package io.bookpay.money;

/** Of a payment or a refund: PENDING until the gateway answers (cards only), then SUCCEEDED or FAILED. */
public enum PaymentStatus {
  PENDING, SUCCEEDED, FAILED
}
