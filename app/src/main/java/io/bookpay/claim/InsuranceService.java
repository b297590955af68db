package io.bookpay.claim;

import io.bookpay.catalog.CatalogService;
import io.bookpay.claim.Insurance.Benefit;
import io.bookpay.claim.Insurance.CoverageRule;
import io.bookpay.claim.Insurance.Enrolment;
import io.bookpay.claim.Insurance.Plan;
import io.bookpay.customer.CustomerService;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlStates;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.platform.web.Versions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Plans, coverage rules, benefits and enrolments: create, read, replace and delete with If-Match. */
@Service
public class InsuranceService {

  private final InsuranceRepository repo;
  private final CatalogService catalog;
  private final CustomerService customers;
  private final Ids ids;
  private final Clock clock;

  InsuranceService(InsuranceRepository repo, CatalogService catalog, CustomerService customers, Ids ids, Clock clock) {
    this.repo = repo;
    this.catalog = catalog;
    this.customers = customers;
    this.ids = ids;
    this.clock = clock;
  }

  // --- plans ---

  Mono<Plan> createPlan(Caller caller, String name, String payer, String code, boolean active) {
    Instant now = clock.instant();
    return repo.insertPlan(new Plan(ids.next(), caller.tenantId(), name, payer, code, active, 0, now, now))
        .onErrorMap(SqlStates::isUniqueViolation, e -> duplicateCode(code));
  }

  Mono<Plan> plan(Caller caller, UUID id) {
    return repo.findPlan(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Plan " + id)));
  }

  Flux<Plan> plans(Caller caller) {
    return repo.plans(caller.tenantId());
  }

  Mono<Plan> updatePlan(Caller caller, UUID id, long version, String name, String payer, String code, boolean active) {
    return repo.updatePlan(caller.tenantId(), id, version, name, payer, code, active, clock.instant())
        .onErrorMap(SqlStates::isUniqueViolation, e -> duplicateCode(code))
        .switchIfEmpty(stale(plan(caller, id), Plan::version, "Plan"));
  }

  Mono<Void> deletePlan(Caller caller, UUID id, long version) {
    return repo.deletePlan(caller.tenantId(), id, version, clock.instant())
        .flatMap(n -> n > 0 ? Mono.<Void>empty() : stale(plan(caller, id), Plan::version, "Plan").then());
  }

  private static ApiException duplicateCode(String code) {
    return new ApiException(ProblemType.DUPLICATE, "A plan with the code " + code + " exists.");
  }

  // --- coverage rules ---

  Mono<CoverageRule> createRule(Caller caller, UUID planId, UUID serviceId, BigDecimal percent, long copay, Long limit, String currency) {
    Instant now = clock.instant();
    return plan(caller, planId)
        .then(referencedService(caller, serviceId, currency))
        .then(repo.insertRule(new CoverageRule(ids.next(), caller.tenantId(), planId, serviceId, percent.stripTrailingZeros(), copay, limit,
            currency, 0, now, now)))
        .onErrorMap(SqlStates::isUniqueViolation,
            e -> new ApiException(ProblemType.DUPLICATE, "Plan " + planId + " has a coverage rule for service " + serviceId + " already."));
  }

  private Mono<Void> referencedService(Caller caller, UUID serviceId, String currency) {
    return Problems.referenced(catalog.offering(caller.tenantId(), serviceId), "Service " + serviceId)
        .flatMap(service -> service.currency().equals(currency) ? Mono.<Void>empty()
            : Mono.error(Problems.unprocessable("Currency mismatch: service " + serviceId + " is priced in " + service.currency()
                + ", the rule says " + currency + ".")));
  }

  Flux<CoverageRule> rules(Caller caller, UUID planId) {
    return plan(caller, planId).thenMany(repo.rules(caller.tenantId(), planId));
  }

  Mono<CoverageRule> rule(Caller caller, UUID planId, UUID id) {
    return repo.findRule(caller.tenantId(), planId, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Coverage rule " + id)));
  }

  Mono<CoverageRule> updateRule(Caller caller, UUID planId, UUID id, long version, BigDecimal percent, long copay, Long limit,
      String currency) {
    return rule(caller, planId, id)
        .flatMap(current -> referencedService(caller, current.serviceId(), currency))
        .then(repo.updateRule(caller.tenantId(), id, version, percent.stripTrailingZeros(), copay, limit, currency, clock.instant()))
        .switchIfEmpty(stale(rule(caller, planId, id), CoverageRule::version, "Coverage rule"));
  }

  Mono<Void> deleteRule(Caller caller, UUID planId, UUID id, long version) {
    return rule(caller, planId, id).then(repo.deleteRule(caller.tenantId(), id, version, clock.instant()))
        .flatMap(n -> n > 0 ? Mono.<Void>empty() : stale(rule(caller, planId, id), CoverageRule::version, "Coverage rule").then());
  }

  // --- benefits ---

  Mono<Benefit> createBenefit(Caller caller, UUID planId, String description, BigDecimal discount) {
    Instant now = clock.instant();
    return plan(caller, planId).then(repo.insertBenefit(new Benefit(ids.next(), caller.tenantId(), planId, description,
        discount.stripTrailingZeros(), 0, now, now)));
  }

  Flux<Benefit> benefits(Caller caller, UUID planId) {
    return plan(caller, planId).thenMany(repo.benefits(caller.tenantId(), planId));
  }

  Mono<Benefit> benefit(Caller caller, UUID planId, UUID id) {
    return repo.findBenefit(caller.tenantId(), planId, id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Benefit " + id)));
  }

  Mono<Benefit> updateBenefit(Caller caller, UUID planId, UUID id, long version, String description, BigDecimal discount) {
    return benefit(caller, planId, id)
        .then(repo.updateBenefit(caller.tenantId(), id, version, description, discount.stripTrailingZeros(), clock.instant()))
        .switchIfEmpty(stale(benefit(caller, planId, id), Benefit::version, "Benefit"));
  }

  Mono<Void> deleteBenefit(Caller caller, UUID planId, UUID id, long version) {
    return benefit(caller, planId, id).then(repo.deleteBenefit(caller.tenantId(), id, version, clock.instant()))
        .flatMap(n -> n > 0 ? Mono.<Void>empty() : stale(benefit(caller, planId, id), Benefit::version, "Benefit").then());
  }

  // --- enrolments ---

  Mono<Enrolment> enrol(Caller caller, UUID planId, UUID customerId, String member, LocalDate from, LocalDate until) {
    checkRange(from, until);
    Instant now = clock.instant();
    return Problems.referenced(plan(caller, planId), "Plan " + planId)
        .then(Problems.referenced(customers.get(caller, customerId), "Customer " + customerId))
        .then(repo.insertEnrolment(new Enrolment(ids.next(), caller.tenantId(), planId, customerId, member, from, until, 0, now, now)))
        .onErrorMap(SqlStates::isUniqueViolation,
            e -> new ApiException(ProblemType.DUPLICATE, "Member number " + member + " is enrolled in plan " + planId + " already."));
  }

  Mono<Enrolment> enrolment(Caller caller, UUID id) {
    return repo.findEnrolment(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Enrolment " + id)));
  }

  /** A page of enrolments in id order after {@code after}, when given. */
  Flux<Enrolment> enrolments(Caller caller, UUID customerId, UUID planId, UUID after, int limit) {
    return repo.enrolments(caller.tenantId(), customerId, planId, after, limit);
  }

  Mono<Enrolment> updateEnrolment(Caller caller, UUID id, long version, String member, LocalDate from, LocalDate until) {
    checkRange(from, until);
    return repo.updateEnrolment(caller.tenantId(), id, version, member, from, until, clock.instant())
        .onErrorMap(SqlStates::isUniqueViolation, e -> new ApiException(ProblemType.DUPLICATE, "Member number " + member + " is taken."))
        .switchIfEmpty(stale(enrolment(caller, id), Enrolment::version, "Enrolment"));
  }

  Mono<Void> deleteEnrolment(Caller caller, UUID id, long version) {
    return repo.deleteEnrolment(caller.tenantId(), id, version, clock.instant())
        .flatMap(n -> n > 0 ? Mono.<Void>empty() : stale(enrolment(caller, id), Enrolment::version, "Enrolment").then());
  }

  private static void checkRange(LocalDate from, LocalDate until) {
    if (until != null && until.isBefore(from)) {
      throw Problems.invalid("validUntil", "must not be before validFrom");
    }
  }

  /** After an update that matched nothing: 404 when the thing is gone, 412 with its current ETag when it moved on. */
  private static <T> Mono<T> stale(Mono<T> current, Function<T, Long> version, String what) {
    return Mono.defer(() -> current.flatMap(c -> Mono.error(Versions.stale(what, version.apply(c)))));
  }
}
