package io.bookpay.payment;

/**
 * CARD goes through the {@link PaymentGateway}; the others settle at once. INSURANCE payments are
 * made only by applying an approved claim ({@code POST /v1/claims/{id}/apply}).
 */
public enum PaymentMethod {
  CARD, CASH, GIFT_CARD, EXTERNAL, INSURANCE
}
