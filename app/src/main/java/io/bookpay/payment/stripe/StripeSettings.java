package io.bookpay.payment.stripe;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A tenant's connected Stripe account as the API shows it: the secret key only as a hint (its last
 * four characters), never again in full.
 */
public record StripeSettings(
    @Schema(description = "The secret key's last four characters, e.g. \"…4xYz\"", example = "…4xYz") String secretKeyHint,
    @Schema(example = "pk_test_51ExampleExampleExample") String publishableKey,
    @Schema(description = "Shown after the business's name on the cardholder's statement (at most 22 characters)", example = "LASER")
    String statementDescriptorSuffix,
    @Schema(description = "True for live keys (sk_live_/rk_live_), false for test keys") boolean livemode,
    Instant updatedAt) {}
