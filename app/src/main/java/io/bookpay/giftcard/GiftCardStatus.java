package io.bookpay.giftcard;

/** PENDING: sold on an invoice not paid yet; ACTIVE: redeemable; VOID: its invoice was voided. */
public enum GiftCardStatus {
  PENDING, ACTIVE, VOID
}
