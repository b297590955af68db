package io.bookpay.sales;

import io.bookpay.platform.web.Page;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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

/** HTTP for packages and memberships: definitions, and what customers hold. Both are sold through invoice lines. */
@RestController
class PlanController {

  record NewPackage(@NotBlank @Size(max = 200) String name, @NotNull UUID serviceId, @NotNull @Min(1) @Max(1000) Integer sessions,
      @NotNull @Min(0) @Max(100_000_000_000L) Long priceAmount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency) {}

  record NewTier(@NotBlank @Size(max = 200) String name, @NotNull @Min(0) @Max(100_000_000_000L) Long priceAmount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency,
      @NotNull @Pattern(regexp = "MONTH|YEAR", message = "must be MONTH or YEAR") String period) {}

  record Redemption(@NotNull UUID bookingId) {}

  record Reason(@Size(max = 500) String reason) {}

  private final PlanService plans;

  PlanController(PlanService plans) {
    this.plans = plans;
  }

  @Operation(operationId = "createPackage", summary = "Define a package of sessions", tags = "packages")
  @PostMapping("/v1/packages")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<PackageDefinition>> createPackage(Caller caller, @Valid @RequestBody NewPackage b) {
    caller.require(Scope.BILLING_WRITE);
    return plans.createPackage(caller, b.name().strip(), b.serviceId(), b.sessions(), b.priceAmount(), b.currency())
        .map(p -> ResponseEntity.created(URI.create("/v1/packages/" + p.id())).body(p));
  }

  @Operation(operationId = "getPackage", summary = "Get a package", tags = "packages")
  @GetMapping("/v1/packages/{id}")
  Mono<PackageDefinition> getPackage(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return plans.getPackage(caller, id);
  }

  @Operation(operationId = "listPackages", summary = "List packages", tags = "packages")
  @GetMapping("/v1/packages")
  Mono<Page<PackageDefinition>> packages(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(plans.packages(caller), cursor, limit, PackageDefinition::id);
  }

  @Operation(operationId = "listPackagePurchases", summary = "List a customer's package purchases", tags = "packages")
  @GetMapping("/v1/package-purchases")
  Mono<Page<PackagePurchase>> purchases(Caller caller, @RequestParam UUID customerId, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(plans.purchases(caller, customerId), cursor, limit, PackagePurchase::id);
  }

  @Operation(operationId = "getPackagePurchase", summary = "Get a package purchase", tags = "packages")
  @GetMapping("/v1/package-purchases/{id}")
  Mono<PackagePurchase> purchase(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return plans.purchase(caller, id);
  }

  /** Uses one session of the package for a booking of the same customer and service. */
  @Operation(operationId = "redeemPackageSession", summary = "Use a package session for a booking", tags = "packages")
  @PostMapping("/v1/package-purchases/{id}/redemptions")
  Mono<PackagePurchase> redeem(Caller caller, @PathVariable UUID id, @Valid @RequestBody Redemption b) {
    caller.require(Scope.BILLING_WRITE);
    return plans.redeem(caller, id, b.bookingId());
  }

  @Operation(operationId = "createMembershipTier", summary = "Define a membership tier", tags = "memberships")
  @PostMapping("/v1/membership-tiers")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<MembershipTier>> createTier(Caller caller, @Valid @RequestBody NewTier b) {
    caller.require(Scope.BILLING_WRITE);
    return plans.createTier(caller, b.name().strip(), b.priceAmount(), b.currency(), b.period())
        .map(t -> ResponseEntity.created(URI.create("/v1/membership-tiers/" + t.id())).body(t));
  }

  @Operation(operationId = "getMembershipTier", summary = "Get a membership tier", tags = "memberships")
  @GetMapping("/v1/membership-tiers/{id}")
  Mono<MembershipTier> tier(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return plans.getTier(caller, id);
  }

  @Operation(operationId = "listMembershipTiers", summary = "List membership tiers", tags = "memberships")
  @GetMapping("/v1/membership-tiers")
  Mono<Page<MembershipTier>> tiers(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(plans.tiers(caller), cursor, limit, MembershipTier::id);
  }

  @Operation(operationId = "listMemberships", summary = "List a customer's memberships", tags = "memberships")
  @GetMapping("/v1/memberships")
  Mono<Page<Membership>> memberships(Caller caller, @RequestParam UUID customerId, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(plans.memberships(caller, customerId), cursor, limit, Membership::id);
  }

  @Operation(operationId = "getMembership", summary = "Get a membership", tags = "memberships")
  @GetMapping("/v1/memberships/{id}")
  Mono<Membership> membership(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return plans.membership(caller, id);
  }

  @Operation(operationId = "endMembership", summary = "End a membership", tags = "memberships")
  @PostMapping("/v1/memberships/{id}/end")
  Mono<Membership> end(Caller caller, @PathVariable UUID id, @Valid @RequestBody(required = false) Reason b) {
    caller.require(Scope.BILLING_WRITE);
    return plans.end(caller, id, b == null ? null : b.reason());
  }
}
