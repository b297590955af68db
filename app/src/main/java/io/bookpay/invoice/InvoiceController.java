package io.bookpay.invoice;

import io.bookpay.payment.Payment;
import io.bookpay.payment.PaymentMethod;
import io.bookpay.payment.PaymentService;
import io.bookpay.platform.web.Responses;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.idempotency.SecretFields;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Versions;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** HTTP for invoices and the payments made on them. */
@RestController
class InvoiceController {

  record BookingInvoice(@Size(max = 40) String couponCode,
      @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal taxRate, Instant dueAt) {}

  record Reason(@Size(max = 500) String reason) {}

  /** {@code giftCardCode} is for GIFT_CARD payments; {@code currency}, if given, must be the invoice's. */
  record NewPayment(@NotNull PaymentMethod method, @NotNull @Min(1) @Max(1_000_000_000_000_000L) Long amount,
      @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency,
      @Size(max = 64) String giftCardCode) {}

  private final InvoiceService invoices;
  private final PaymentService payments;

  InvoiceController(InvoiceService invoices, PaymentService payments) {
    this.invoices = invoices;
    this.payments = payments;
  }

  @Operation(operationId = "createInvoice", summary = "Create a draft invoice", tags = "invoices")
  @PostMapping("/v1/invoices")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Invoice>> create(Caller caller, @Valid @RequestBody NewInvoice request) {
    caller.require(Scope.BILLING_WRITE);
    return invoices.create(caller, request).map(InvoiceController::created);
  }

  @Operation(operationId = "createBookingInvoice", summary = "Invoice a booking", tags = "invoices")
  @PostMapping("/v1/bookings/{id}/invoice")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Invoice>> forBooking(Caller caller, @PathVariable UUID id, @Valid @RequestBody(required = false) BookingInvoice body) {
    caller.require(Scope.BILLING_WRITE);
    BookingInvoice b = body == null ? new BookingInvoice(null, null, null) : body;
    return invoices.createForBooking(caller, id, b.couponCode(), b.taxRate(), b.dueAt()).map(InvoiceController::created);
  }

  @Operation(operationId = "getInvoice", summary = "Get an invoice", tags = "invoices")
  @GetMapping("/v1/invoices/{id}")
  Mono<ResponseEntity<Invoice>> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return invoices.get(caller, id).map(InvoiceController::ok);
  }

  /** Invoices in creation order; {@code customerId} and {@code status} filter. */
  @Operation(operationId = "listInvoices", summary = "List invoices", tags = "invoices")
  @GetMapping("/v1/invoices")
  Mono<Page<Invoice>> list(Caller caller, @RequestParam(required = false) UUID customerId,
      @RequestParam(required = false) InvoiceStatus status, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit,
      @Parameter(deprecated = true, description = "Deprecated: the old name of `cursor` (a bare id is taken too)")
      @RequestParam(required = false) String after) {
    caller.require(Scope.BILLING_READ);
    return Page.of(invoices.page(caller, customerId, status, PageCursor.id(PageCursor.either(cursor, "after", after)), limit + 1), limit,
        i -> PageCursor.after(i.id()));
  }

  @Operation(operationId = "finalizeInvoice", summary = "Finalize a draft invoice", tags = "invoices")
  @PostMapping("/v1/invoices/{id}/finalize")
  Mono<ResponseEntity<Invoice>> finalize(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, ServerWebExchange exchange) {
    caller.require(Scope.BILLING_WRITE);
    SecretFields.mark(exchange, "code");
    return invoices.finalize(caller, id, ifMatch == null ? null : Versions.required(ifMatch)).map(InvoiceController::ok);
  }

  @Operation(operationId = "voidInvoice", summary = "Void an invoice", tags = "invoices")
  @PostMapping("/v1/invoices/{id}/void")
  Mono<ResponseEntity<Invoice>> voidInvoice(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody(required = false) Reason body) {
    caller.require(Scope.BILLING_WRITE);
    return invoices.voidInvoice(caller, id, body == null ? null : body.reason(), ifMatch == null ? null : Versions.required(ifMatch))
        .map(InvoiceController::ok);
  }

  @Operation(operationId = "createPayment", summary = "Take a payment on an invoice", tags = "payments",
      description = "CASH, EXTERNAL and GIFT_CARD payments succeed at once. A CARD payment is PENDING: with"
          + " bookpay.payments.gateway=stripe the answer holds clientSecret and publishableKey for Stripe's Payment Element,"
          + " which confirms it on the client's device (clientSecret is shown in this answer only: null in an idempotent"
          + " replay); nextAction says when the card asks for 3-D Secure; Stripe's webhook settles it. A declined card is"
          + " FAILED with failureCode (Stripe's decline_code) and failureMessage. Without a gateway, or when the business has"
          + " not connected Stripe: 422 code card-payments-not-configured. Scope billing:write.")
  @PostMapping("/v1/invoices/{id}/payments")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Payment>> pay(Caller caller, @PathVariable UUID id, @Valid @RequestBody NewPayment body,
      ServerWebExchange exchange) {
    caller.require(Scope.BILLING_WRITE);
    SecretFields.mark(exchange, "clientSecret");
    return payments.pay(caller, id, body.method(), body.amount(), body.currency(), body.giftCardCode())
        .map(p -> ResponseEntity.created(URI.create("/v1/payments/" + p.id())).body(p));
  }

  @Operation(operationId = "listInvoicePayments", summary = "List an invoice's payments", tags = "payments")
  @GetMapping("/v1/invoices/{id}/payments")
  Mono<Page<Payment>> payments(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(payments.forInvoice(caller, id), cursor, limit, Payment::id);
  }

  private static ResponseEntity<Invoice> created(Invoice i) {
    return Responses.created("/v1/invoices/" + i.id(), i.version(), i);
  }

  private static ResponseEntity<Invoice> ok(Invoice i) {
    return Responses.ok(i.version(), i);
  }
}
