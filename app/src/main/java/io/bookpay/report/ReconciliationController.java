package io.bookpay.report;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.projection.ProjectionStatus;
import io.bookpay.projection.finance.FinanceProjection;
import io.bookpay.projection.finance.FinanceReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The finance projection checked against the write side's tables, figure by figure ({@link ReconciliationQueries}). */
@Tag(name = "reports")
@RestController
@RequestMapping(value = "/v1/reports", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
class ReconciliationController {

  private final ReconciliationQueries queries;
  private final FinanceReports finance;
  private final ProjectionStatus status;
  private final ReportCache cache;

  ReconciliationController(ReconciliationQueries queries, FinanceReports finance, ProjectionStatus status, ReportCache cache) {
    this.queries = queries;
    this.finance = finance;
    this.status = status;
    this.cache = cache;
  }

  @GetMapping("/reconciliation")
  @Operation(operationId = "reconciliationReport", summary = "Where the finance figures differ from the payments, invoices and ledgers",
      description = "Computes the finance figures of the range again from the source tables (invoices finalized, their payments"
          + " and refunds by method, card disputes closed lost by method on the day they closed, gift-card balances at the end of"
          + " the range, package sessions, memberships) and lists every"
          + " figure, currency and period where the projection differs. Empty once lagSeconds is 0. Scope reports:read.")
  Mono<ReconciliationReport> reconciliation(Caller caller,
      @Parameter(description = "First day, YYYY-MM-DD in the tenant's time zone (included)") @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = "Last day, YYYY-MM-DD in the tenant's time zone (included)") @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    ReportRange range = ReportRange.of(from, to, null);
    UUID tenant = caller.tenantId();
    return cache.get(tenant, "reconciliation/" + range.key(), AnalyticsReportController.noCache(cacheControl), () -> finance.zone(tenant)
            .flatMap(zone -> queries.all(tenant, zone, range.from(), range.to()).collectList()
                .map(pairs -> ReconciliationReport.of(range.from(), range.to(), zone.getId(), pairs))))
        .flatMap(report -> status.freshness(FinanceProjection.CONSUMER).map(f -> report.withFreshness(f.asOf(), f.lagSeconds())));
  }
}
