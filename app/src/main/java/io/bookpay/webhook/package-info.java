/**
 * Payment-provider webhooks (Stripe's format): signature check with stripe-java, an inbox that
 * stores each event before answering, and a processor that applies it to payments and refunds
 * exactly once, in any order, with retries. Also the simulated gateway, which plays Stripe for
 * local runs and tests, down to the signed webhooks.
 */
package io.bookpay.webhook;
