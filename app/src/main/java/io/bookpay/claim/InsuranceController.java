package io.bookpay.claim;

import io.bookpay.platform.web.Responses;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.claim.Insurance.Benefit;
import io.bookpay.claim.Insurance.CoverageRule;
import io.bookpay.claim.Insurance.Enrolment;
import io.bookpay.claim.Insurance.Plan;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** HTTP for insurance plans, their coverage rules and benefits, and enrolments. Replacing and deleting need If-Match. */
@Tag(name = "insurance")
@RestController
class InsuranceController {

  record PlanInput(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String payer,
      @NotBlank @Size(max = 50) String planCode, Boolean active) {}

  record RuleInput(@NotNull UUID serviceId,
      @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal coveragePercent,
      @NotNull @Min(0) @Max(100_000_000_000L) Long copayAmount, @Min(1) @Max(100_000_000_000L) Long annualLimitAmount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency) {}

  record BenefitInput(@NotBlank @Size(max = 500) String description,
      @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal discountPercent) {}

  record EnrolmentInput(@NotNull UUID customerId, @NotNull UUID planId, @NotBlank @Size(max = 64) String memberNumber,
      @NotNull LocalDate validFrom, LocalDate validUntil) {}

  record EnrolmentUpdate(@NotBlank @Size(max = 64) String memberNumber, @NotNull LocalDate validFrom, LocalDate validUntil) {}

  private final InsuranceService insurance;

  InsuranceController(InsuranceService insurance) {
    this.insurance = insurance;
  }

  // --- plans ---

  @Operation(operationId = "createInsurancePlan", summary = "Create an insurance plan")
  @PostMapping("/v1/insurance-plans")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<Plan>> createPlan(Caller caller, @Valid @RequestBody PlanInput in) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.createPlan(caller, in.name().strip(), in.payer().strip(), in.planCode().strip(), !Boolean.FALSE.equals(in.active()))
        .map(p -> Responses.created("/v1/insurance-plans/" + p.id(), p.version(), p));
  }

  @Operation(operationId = "listInsurancePlans", summary = "List insurance plans")
  @GetMapping("/v1/insurance-plans")
  Mono<Page<Plan>> plans(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.INSURANCE_READ);
    return Page.afterId(insurance.plans(caller), cursor, limit, Plan::id);
  }

  @Operation(operationId = "getInsurancePlan", summary = "Get an insurance plan")
  @GetMapping("/v1/insurance-plans/{id}")
  Mono<ResponseEntity<Plan>> plan(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.INSURANCE_READ);
    return insurance.plan(caller, id).map(p -> Responses.ok(p.version(), p));
  }

  @Operation(operationId = "updateInsurancePlan", summary = "Replace an insurance plan")
  @PutMapping("/v1/insurance-plans/{id}")
  Mono<ResponseEntity<Plan>> updatePlan(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody PlanInput in) {
    caller.require(Scope.INSURANCE_WRITE);
    long version = Versions.required(ifMatch);
    return insurance.updatePlan(caller, id, version, in.name().strip(), in.payer().strip(), in.planCode().strip(),
        !Boolean.FALSE.equals(in.active())).map(p -> Responses.ok(p.version(), p));
  }

  @Operation(operationId = "deleteInsurancePlan", summary = "Delete an insurance plan")
  @DeleteMapping("/v1/insurance-plans/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> deletePlan(Caller caller, @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.deletePlan(caller, id, Versions.required(ifMatch));
  }

  // --- coverage rules ---

  @Operation(operationId = "createCoverageRule", summary = "Add a coverage rule to a plan")
  @PostMapping("/v1/insurance-plans/{planId}/coverage-rules")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<CoverageRule>> createRule(Caller caller, @PathVariable UUID planId, @Valid @RequestBody RuleInput in) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.createRule(caller, planId, in.serviceId(), in.coveragePercent(), in.copayAmount(), in.annualLimitAmount(), in.currency())
        .map(r -> Responses.created("/v1/insurance-plans/" + planId + "/coverage-rules/" + r.id(), r.version(), r));
  }

  @Operation(operationId = "listCoverageRules", summary = "List a plan's coverage rules")
  @GetMapping("/v1/insurance-plans/{planId}/coverage-rules")
  Mono<Page<CoverageRule>> rules(Caller caller, @PathVariable UUID planId, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.INSURANCE_READ);
    return Page.afterId(insurance.rules(caller, planId), cursor, limit, CoverageRule::id);
  }

  @Operation(operationId = "getCoverageRule", summary = "Get a coverage rule")
  @GetMapping("/v1/insurance-plans/{planId}/coverage-rules/{id}")
  Mono<ResponseEntity<CoverageRule>> rule(Caller caller, @PathVariable UUID planId, @PathVariable UUID id) {
    caller.require(Scope.INSURANCE_READ);
    return insurance.rule(caller, planId, id).map(r -> Responses.ok(r.version(), r));
  }

  /** Replaces the rule's terms; its service stays (make another rule for another service). */
  @Operation(operationId = "updateCoverageRule", summary = "Replace a coverage rule")
  @PutMapping("/v1/insurance-plans/{planId}/coverage-rules/{id}")
  Mono<ResponseEntity<CoverageRule>> updateRule(Caller caller, @PathVariable UUID planId, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody RuleInput in) {
    caller.require(Scope.INSURANCE_WRITE);
    long version = Versions.required(ifMatch);
    return insurance.updateRule(caller, planId, id, version, in.coveragePercent(), in.copayAmount(), in.annualLimitAmount(), in.currency())
        .map(r -> Responses.ok(r.version(), r));
  }

  @Operation(operationId = "deleteCoverageRule", summary = "Delete a coverage rule")
  @DeleteMapping("/v1/insurance-plans/{planId}/coverage-rules/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> deleteRule(Caller caller, @PathVariable UUID planId, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.deleteRule(caller, planId, id, Versions.required(ifMatch));
  }

  // --- benefits ---

  @Operation(operationId = "createBenefit", summary = "Add a benefit to a plan")
  @PostMapping("/v1/insurance-plans/{planId}/benefits")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<Benefit>> createBenefit(Caller caller, @PathVariable UUID planId, @Valid @RequestBody BenefitInput in) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.createBenefit(caller, planId, in.description().strip(), in.discountPercent())
        .map(b -> Responses.created("/v1/insurance-plans/" + planId + "/benefits/" + b.id(), b.version(), b));
  }

  @Operation(operationId = "listBenefits", summary = "List a plan's benefits")
  @GetMapping("/v1/insurance-plans/{planId}/benefits")
  Mono<Page<Benefit>> benefits(Caller caller, @PathVariable UUID planId, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.INSURANCE_READ);
    return Page.afterId(insurance.benefits(caller, planId), cursor, limit, Benefit::id);
  }

  @Operation(operationId = "getBenefit", summary = "Get a benefit")
  @GetMapping("/v1/insurance-plans/{planId}/benefits/{id}")
  Mono<ResponseEntity<Benefit>> benefit(Caller caller, @PathVariable UUID planId, @PathVariable UUID id) {
    caller.require(Scope.INSURANCE_READ);
    return insurance.benefit(caller, planId, id).map(b -> Responses.ok(b.version(), b));
  }

  @Operation(operationId = "updateBenefit", summary = "Replace a benefit")
  @PutMapping("/v1/insurance-plans/{planId}/benefits/{id}")
  Mono<ResponseEntity<Benefit>> updateBenefit(Caller caller, @PathVariable UUID planId, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody BenefitInput in) {
    caller.require(Scope.INSURANCE_WRITE);
    long version = Versions.required(ifMatch);
    return insurance.updateBenefit(caller, planId, id, version, in.description().strip(), in.discountPercent()).map(b -> Responses.ok(b.version(), b));
  }

  @Operation(operationId = "deleteBenefit", summary = "Delete a benefit")
  @DeleteMapping("/v1/insurance-plans/{planId}/benefits/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> deleteBenefit(Caller caller, @PathVariable UUID planId, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.deleteBenefit(caller, planId, id, Versions.required(ifMatch));
  }

  // --- enrolments ---

  @Operation(operationId = "createEnrolment", summary = "Enrol a customer in a plan")
  @PostMapping("/v1/enrolments")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<Enrolment>> enrol(Caller caller, @Valid @RequestBody EnrolmentInput in) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.enrol(caller, in.planId(), in.customerId(), in.memberNumber().strip(), in.validFrom(), in.validUntil())
        .map(e -> Responses.created("/v1/enrolments/" + e.id(), e.version(), e));
  }

  /** Enrolments in creation order; {@code customerId} and {@code planId} filter. */
  @Operation(operationId = "listEnrolments", summary = "List enrolments")
  @GetMapping("/v1/enrolments")
  Mono<Page<Enrolment>> enrolments(Caller caller, @RequestParam(required = false) UUID customerId,
      @RequestParam(required = false) UUID planId, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.INSURANCE_READ);
    return Page.of(insurance.enrolments(caller, customerId, planId, PageCursor.id(cursor), limit + 1), limit,
        e -> PageCursor.after(e.id()));
  }

  @Operation(operationId = "getEnrolment", summary = "Get an enrolment")
  @GetMapping("/v1/enrolments/{id}")
  Mono<ResponseEntity<Enrolment>> enrolment(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.INSURANCE_READ);
    return insurance.enrolment(caller, id).map(e -> Responses.ok(e.version(), e));
  }

  @Operation(operationId = "updateEnrolment", summary = "Replace an enrolment")
  @PutMapping("/v1/enrolments/{id}")
  Mono<ResponseEntity<Enrolment>> updateEnrolment(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody EnrolmentUpdate in) {
    caller.require(Scope.INSURANCE_WRITE);
    long version = Versions.required(ifMatch);
    return insurance.updateEnrolment(caller, id, version, in.memberNumber().strip(), in.validFrom(), in.validUntil())
        .map(e -> Responses.ok(e.version(), e));
  }

  @Operation(operationId = "deleteEnrolment", summary = "Delete an enrolment")
  @DeleteMapping("/v1/enrolments/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> deleteEnrolment(Caller caller, @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    caller.require(Scope.INSURANCE_WRITE);
    return insurance.deleteEnrolment(caller, id, Versions.required(ifMatch));
  }

}
