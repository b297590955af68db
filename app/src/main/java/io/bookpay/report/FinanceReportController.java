package io.bookpay.report;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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

  private final ReportService reports;

  FinanceReportController(ReportService reports) {
    this.reports = reports;
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
    return reports.financial(caller.tenantId(), ReportRange.of(from, to, groupBy), currency, AnalyticsReportController.noCache(cacheControl));
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
    return reports.receivables(caller.tenantId(), on, currency, AnalyticsReportController.noCache(cacheControl));
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
    return reports.giftCards(caller.tenantId(), ReportRange.of(from, to, groupBy), currency, AnalyticsReportController.noCache(cacheControl));
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
    return reports.packages(caller.tenantId(), ReportRange.of(from, to, groupBy), currency, AnalyticsReportController.noCache(cacheControl));
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
    return reports.memberships(caller.tenantId(), ReportRange.of(from, to, groupBy), currency, AnalyticsReportController.noCache(cacheControl));
  }
}
