package io.bookpay.payment.stripe;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** HTTP for a tenant's connection to Stripe: the keys its card payments go through. */
@Tag(name = "payments")
@RestController
class StripeSettingsController {

  /**
   * Stripe rejects a statement descriptor without a letter or with {@code < > \ ' " *}; the suffix is
   * at most 22 characters.
   */
  record StripeConnection(
      @NotNull @Size(max = 255) @Pattern(regexp = "(rk|sk)_(test|live)_[A-Za-z0-9]{8,247}",
          message = "must be a Stripe secret key: a restricted key rk_test_/rk_live_... (recommended) or sk_test_/sk_live_...")
      @Schema(example = "rk_test_51ExampleExampleExample4xYz") String secretKey,
      @NotNull @Size(max = 255) @Pattern(regexp = "pk_(test|live)_[A-Za-z0-9]{8,247}",
          message = "must be a Stripe publishable key, pk_test_... or pk_live_...")
      @Schema(example = "pk_test_51ExampleExampleExample") String publishableKey,
      @Size(min = 1, max = 22) @Pattern(regexp = "(?=.*[A-Za-z])[^<>\\\\'\"*]+",
          message = "must hold a letter and none of < > \\ ' \" *")
      @Schema(example = "LASER") String statementDescriptorSuffix) {}

  private final StripeAccounts accounts;

  StripeSettingsController(StripeAccounts accounts) {
    this.accounts = accounts;
  }

  @PutMapping("/v1/payment-settings/stripe")
  @Operation(operationId = "connectStripe", summary = "Connect the business's Stripe account",
      description = "Card payments of this business go to this Stripe account (with bookpay.payments.gateway=stripe). Give a"
          + " restricted key (rk_...) with write access to PaymentIntents and Refunds, and the publishable key of the same mode"
          + " (test or live). The secret key is stored encrypted and never shown again (GET shows its last four characters)."
          + " Replaces an earlier connection. Scope billing:write.")
  Mono<StripeSettings> connect(Caller caller, @Valid @RequestBody StripeConnection body) {
    caller.require(Scope.BILLING_WRITE);
    return accounts.connect(caller, body.secretKey(), body.publishableKey(), body.statementDescriptorSuffix());
  }

  @GetMapping("/v1/payment-settings/stripe")
  @Operation(operationId = "getStripeConnection", summary = "Get the business's Stripe connection",
      description = "The secret key only as a hint. 404 code stripe-not-connected when none is connected. Scope billing:read.")
  Mono<StripeSettings> get(Caller caller) {
    caller.require(Scope.BILLING_READ);
    return accounts.get(caller);
  }

  @DeleteMapping("/v1/payment-settings/stripe")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(operationId = "disconnectStripe", summary = "Disconnect the business's Stripe account",
      description = "Forgets the keys: new card payments are refused with 422 card-payments-not-configured. Payments already at"
          + " Stripe are still settled by its webhooks. 404 code stripe-not-connected when none is connected. Scope billing:write.")
  Mono<Void> disconnect(Caller caller) {
    caller.require(Scope.BILLING_WRITE);
    return accounts.disconnect(caller);
  }
}
