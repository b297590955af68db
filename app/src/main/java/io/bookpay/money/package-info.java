/**
 * Money: invoices and their line items, payments (through a {@link io.bookpay.money.PaymentGateway}
 * for cards), refunds, gift cards, coupons, packages and memberships. Every change of an amount
 * happens under the invoice's row lock (then the payment's, then the gift card's, always in that
 * order), with its events, in one transaction; constraints in the schema back every rule.
 */
package io.bookpay.money;
