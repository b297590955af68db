/**
 * Events of money: invoices with their payments, refunds and coupons (keyed by invoice, so one
 * invoice's events stay in order), gift cards, package purchases and memberships. All are
 * published on {@code bookpay.payments}; amounts are minor units beside an ISO 4217 code.
 */
package io.bookpay.events.money;
