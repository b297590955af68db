/**
 * Gift cards: issued with a code shown once (stored hashed), sold PENDING on an invoice and active
 * once it is paid, and a balance that moves only with a ledger entry and never below zero. Other
 * features use them through {@link io.bookpay.giftcard.GiftCardService}: invoices issue, activate
 * and void the cards they sell; payments redeem cards, refund to them and take sold value back.
 */
package io.bookpay.giftcard;
