package io.bookpay.report;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Problems;
import io.bookpay.projection.ProjectionStatus;
import io.bookpay.projection.finance.FinanceProjection;
import io.bookpay.projection.finance.FinanceReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The finance reports: money, receivables, gift-card liability, packages and memberships, from the
 * finance projection only. Each answers in one currency ({@code currency}, required when the tenant
 * has figures in several), with {@code asOf} and {@code lagSeconds}, in JSON or CSV, cached briefly
 * per tenant and query like the analytics reports ({@link ReportCache}).
 */
@Tag(name = "reports")
@RestController
@RequestMapping(value = "/v1/reports", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
class FinanceReportController {

  private static final String FROM = "First day, YYYY-MM-DD in the tenant's time zone (included)";
  private static final String TO = "Last day, YYYY-MM-DD in the tenant's time zone (included)";
  private static final String GROUP_BY = "day (default, 2026-03-29), week (ISO, 2026-W13) or month (2026-03)";
  private static final String CURRENCY = "ISO 4217 code, e.g. EUR; required when the tenant has figures in several currencies";

  private final FinanceReports finance;
  private final ProjectionStatus status;
  private final ReportCache cache;
  private final Clock clock;

  FinanceReportController(FinanceReports finance, ProjectionStatus status, ReportCache cache, Clock clock) {
    this.finance = finance;
    this.status = status;
    this.cache = cache;
    this.clock = clock;
  }

  @GetMapping("/financial")
  @Operation(operationId = "financialReport", summary = "Money received and refunded by method and line kind, invoiced, insurance",
      description = "Per period and in all, in one currency, on the days money moved: gross (money received, without gift-card"
          + " redemptions), refunds (without refunds onto gift cards), disputesLost (card disputes closed lost: money the bank took"
          + " back for the cardholder, on the day the dispute closed), net = gross - refunds, netAfterDisputes = net - disputesLost (the money kept),"
          + " byMethod, refundsByMethod, disputesLostByMethod, byLineKind; invoices finalized"
          + " with their discounts and tax; revenue per service, provider and location; insurance claimed, expected, approved and"
          + " applied per payer. Scope reports:read.")
  Mono<FinancialReport> financial(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = GROUP_BY) @RequestParam(required = false) String groupBy,
      @Parameter(description = CURRENCY) @RequestParam(required = false) String currency,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    ReportRange range = ReportRange.of(from, to, groupBy);
    String requested = FinanceCurrency.requested(currency);
    UUID tenant = caller.tenantId();
    return answer(tenant, "financial/" + range.key() + "/" + requested, cacheControl, requested, (zone, money) -> Mono.zip(
            rows(money, () -> finance.money(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.lineKinds(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.invoiced(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.serviceRevenue(tenant, money, range.from(), range.to())),
            rows(money, () -> finance.insurance(tenant, money, range.from(), range.to())))
        .map(r -> FinancialReport.of(range, zone.getId(), money, r.getT1(), r.getT2(), r.getT3(), r.getT4(), r.getT5())))
        .flatMap(report -> freshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  @GetMapping("/receivables")
  @Operation(operationId = "receivablesReport", summary = "What finalized invoices still owe on a day, aged 0-30, 31-60, 61-90, 90+ days",
      description = "Invoices finalized by the end of the day and not voided, less the payments made by then, in one currency, aged by"
          + " the days past their due date (or since they were finalized, without one). Scope reports:read.")
  Mono<ReceivablesReport> receivables(Caller caller,
      @Parameter(description = "The day, YYYY-MM-DD in the tenant's time zone (default: today there)") @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
      @Parameter(description = CURRENCY) @RequestParam(required = false) String currency,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    if (on != null && (on.isBefore(ReportRange.EARLIEST) || on.isAfter(ReportRange.LATEST))) {
      throw Problems.invalid("on", "must be between " + ReportRange.EARLIEST + " and " + ReportRange.LATEST);
    }
    String requested = FinanceCurrency.requested(currency);
    UUID tenant = caller.tenantId();
    return answer(tenant, "receivables/" + on + "/" + requested, cacheControl, requested, (zone, money) -> {
          LocalDate day = on != null ? on : LocalDate.ofInstant(clock.instant(), zone);
          return rows(money, () -> finance.openInvoices(tenant, money, day))
              .map(open -> ReceivablesReport.of(money, day, zone.getId(), open));
        })
        .flatMap(report -> freshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  @GetMapping("/gift-cards")
  @Operation(operationId = "giftCardsReport", summary = "Gift-card liability: issued, redeemed, refunded, adjusted, outstanding",
      description = "Per period and in all, in one currency: value issued (sold and paid, or issued without payment), redeemed,"
          + " refunded onto cards, adjusted by hand, reversed by refunds of the invoices that sold cards, and what all cards hold at"
          + " the end of each period. Scope reports:read.")
  Mono<GiftCardsReport> giftCards(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = GROUP_BY) @RequestParam(required = false) String groupBy,
      @Parameter(description = CURRENCY) @RequestParam(required = false) String currency,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    ReportRange range = ReportRange.of(from, to, groupBy);
    String requested = FinanceCurrency.requested(currency);
    UUID tenant = caller.tenantId();
    return answer(tenant, "gift-cards/" + range.key() + "/" + requested, cacheControl, requested, (zone, money) ->
            rows(money, () -> finance.giftCards(tenant, money, range.to()))
                .map(moves -> GiftCardsReport.of(range, zone.getId(), money, moves)))
        .flatMap(report -> freshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  @GetMapping("/packages")
  @Operation(operationId = "packagesReport", summary = "Packages sold, sessions sold, redeemed, reversed and outstanding",
      description = "Per period and in all, for purchases in one currency: purchases and what they cost, the sessions they hold,"
          + " sessions used, sessions a refund took back, and sessions left at the end of each period. Scope reports:read.")
  Mono<PackagesReport> packages(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = GROUP_BY) @RequestParam(required = false) String groupBy,
      @Parameter(description = CURRENCY) @RequestParam(required = false) String currency,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    ReportRange range = ReportRange.of(from, to, groupBy);
    String requested = FinanceCurrency.requested(currency);
    UUID tenant = caller.tenantId();
    return answer(tenant, "packages/" + range.key() + "/" + requested, cacheControl, requested, (zone, money) ->
            rows(money, () -> finance.packages(tenant, money, range.to()))
                .map(moves -> PackagesReport.of(range, zone.getId(), money, moves)))
        .flatMap(report -> freshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  @GetMapping("/memberships")
  @Operation(operationId = "membershipsReport", summary = "Memberships started, ended, active, and monthly recurring revenue",
      description = "Per period and in all, in one currency: memberships started and ended in the period, those active at its end"
          + " and their monthly recurring revenue (a yearly price counts a twelfth). Scope reports:read.")
  Mono<MembershipsReport> memberships(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = GROUP_BY) @RequestParam(required = false) String groupBy,
      @Parameter(description = CURRENCY) @RequestParam(required = false) String currency,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    ReportRange range = ReportRange.of(from, to, groupBy);
    String requested = FinanceCurrency.requested(currency);
    UUID tenant = caller.tenantId();
    return answer(tenant, "memberships/" + range.key() + "/" + requested, cacheControl, requested, (zone, money) ->
            rows(money, () -> finance.memberships(tenant, money, range.to()))
                .map(rows -> MembershipsReport.of(range, zone, money, rows)))
        .flatMap(report -> freshness().map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }

  /**
   * The cached answer, or one computed in the tenant's zone and its one currency (the one asked for,
   * or its only one; several without one asked is a 400, none gives null).
   */
  private <T> Mono<T> answer(UUID tenant, String query, String cacheControl, String requested,
      BiFunction<ZoneId, String, Mono<T>> compute) {
    return cache.get(tenant, query, AnalyticsReportController.noCache(cacheControl), () -> finance.zone(tenant)
        .flatMap(zone -> finance.currencies(tenant)
            .flatMap(currencies -> compute.apply(zone, FinanceCurrency.resolve(requested, currencies)))));
  }

  /** No currency (a tenant without figures) reads nothing. */
  private static <R> Mono<List<R>> rows(String currency, Supplier<Flux<R>> query) {
    return currency == null ? Mono.just(List.of()) : query.get().collectList();
  }

  private Mono<ProjectionStatus.Freshness> freshness() {
    return status.freshness(FinanceProjection.CONSUMER);
  }
}
