package io.bookpay.payment;

/**
 * What the client's device must do before a PENDING card payment can go through, as the processor
 * said: {@code type} is Stripe's {@code next_action.type} (e.g. {@code use_stripe_sdk} for 3-D Secure
 * in Stripe.js, {@code redirect_to_url}); {@code redirectUrl} is set for a redirect. Stripe.js handles
 * both when given the payment's {@code clientSecret}.
 */
public record NextAction(String type, String redirectUrl) {}
