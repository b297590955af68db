package io.bookpay.sales;

import io.bookpay.platform.web.Page;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
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

/** HTTP for coupons. Codes are 3 to 40 of A-Z, 0-9, _ and -, matched case-insensitively. */
@Tag(name = "coupons")
@RestController
class CouponController {

  /** Exactly one of {@code percentOff} and {@code amountOff} (with {@code currency}). */
  record NewCoupon(
      @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{3,40}", message = "must be 3 to 40 letters, digits, _ or -") String code,
      @Min(1) @Max(100) Integer percentOff,
      @Min(1) @Max(100_000_000_000L) Long amountOff,
      @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency,
      Instant validFrom, Instant validUntil,
      @Min(1) Integer maxRedemptions, @Min(1) Integer maxPerCustomer) {}

  private final CouponService coupons;

  CouponController(CouponService coupons) {
    this.coupons = coupons;
  }

  @Operation(operationId = "createCoupon", summary = "Create a coupon")
  @PostMapping("/v1/coupons")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Coupon>> create(Caller caller, @Valid @RequestBody NewCoupon b) {
    caller.require(Scope.BILLING_WRITE);
    return coupons.create(caller, b.code(), b.percentOff(), b.amountOff(), b.currency(), b.validFrom(), b.validUntil(),
            b.maxRedemptions(), b.maxPerCustomer())
        .map(c -> ResponseEntity.created(URI.create("/v1/coupons/" + c.id())).body(c));
  }

  @Operation(operationId = "getCoupon", summary = "Get a coupon")
  @GetMapping("/v1/coupons/{id}")
  Mono<Coupon> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return coupons.get(caller, id);
  }

  @Operation(operationId = "listCoupons", summary = "List coupons")
  @GetMapping("/v1/coupons")
  Mono<Page<Coupon>> list(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(coupons.list(caller), cursor, limit, Coupon::id);
  }

  @Operation(operationId = "deactivateCoupon", summary = "Deactivate a coupon")
  @PostMapping("/v1/coupons/{id}/deactivate")
  Mono<Coupon> deactivate(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_WRITE);
    return coupons.deactivate(caller, id);
  }
}
