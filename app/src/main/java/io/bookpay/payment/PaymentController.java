package io.bookpay.payment;

import io.bookpay.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** HTTP for payments and their refunds. */
@Tag(name = "payments")
@RestController
class PaymentController {

  record NewRefund(@NotNull @Min(1) @Max(1_000_000_000_000_000L) Long amount, @Size(max = 500) String reason,
      @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency) {}

  private final PaymentService payments;

  PaymentController(PaymentService payments) {
    this.payments = payments;
  }

  @Operation(operationId = "getPayment", summary = "Get a payment")
  @GetMapping("/v1/payments/{id}")
  Mono<Payment> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return payments.get(caller, id);
  }

  @PostMapping("/v1/payments/{id}/cancel")
  @Operation(operationId = "cancelPayment", summary = "Cancel a PENDING card payment",
      description = "PENDING → CANCELED (terminal): the amount it reserved on the invoice (amountPending) is released and"
          + " PaymentCanceled is published. Any other status is 409 invalid-transition. If the processor takes the money"
          + " anyway, its success webhook is recorded on the payment (capturedAfterCancelAt) and the money is refunded at"
          + " once through the gateway, never counted on the invoice. Scope billing:write.")
  Mono<Payment> cancel(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_WRITE);
    return payments.cancel(caller, id);
  }

  @PostMapping("/v1/payments/{id}/refunds")
  @Operation(operationId = "refundPayment", summary = "Refund (part of) a payment",
      description = "The refund is spread over the invoice's lines by their totals (largest remainder first, to the cent). On a"
          + " PAID invoice its share of GIFT_CARD lines comes off the cards' balances, of PACKAGE lines off the unused sessions"
          + " (at the price per session paid, rounded up), of MEMBERSHIP lines off the paid time (a full refund ends the"
          + " membership at once), in the refund's transaction; a PENDING card refund holds them and a failed one gives them back."
          + " When that value is spent: 422 code delivered-value-spent. More than is left to refund: 422"
          + " amount-exceeds-refundable. Scope billing:refund.")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Refund>> refund(Caller caller, @PathVariable UUID id, @Valid @RequestBody NewRefund body) {
    caller.require(Scope.BILLING_REFUND);
    return payments.refund(caller, id, body.amount(), body.currency(), body.reason())
        .map(r -> ResponseEntity.created(URI.create("/v1/refunds/" + r.id())).body(r));
  }

  @Operation(operationId = "listRefunds", summary = "List a payment's refunds")
  @GetMapping("/v1/payments/{id}/refunds")
  Mono<Page<Refund>> refunds(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(payments.refundsOf(caller, id), cursor, limit, Refund::id);
  }

  @Operation(operationId = "getRefund", summary = "Get a refund")
  @GetMapping("/v1/refunds/{id}")
  Mono<Refund> getRefund(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return payments.getRefund(caller, id);
  }
}
