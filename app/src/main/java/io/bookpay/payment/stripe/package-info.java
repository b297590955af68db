/**
 * The Stripe gateway: each tenant's connected Stripe account (its restricted key sealed at rest) and
 * the adapter behind {@link io.bookpay.payment.PaymentGateway} that creates PaymentIntents and
 * Refunds with stripe-java, on threads of its own, with idempotency keys derived from Bookpay ids.
 */
package io.bookpay.payment.stripe;
