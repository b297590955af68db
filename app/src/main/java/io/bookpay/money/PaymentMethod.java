package io.bookpay.money;

/** CARD goes through the {@link PaymentGateway}; the others settle at once. */
public enum PaymentMethod {
  CARD, CASH, GIFT_CARD, EXTERNAL
}
