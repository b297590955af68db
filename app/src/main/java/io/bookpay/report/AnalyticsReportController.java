package io.bookpay.report;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.projection.analytics.AnalyticsReports.BookingFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Locale;
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

/**
 * The analytics reports: bookings, the link funnel, claims and utilisation, from the analytics
 * projection only.
 * Each takes {@code from} and {@code to} (dates in the tenant's time zone, both included), answers
 * with {@code asOf} and {@code lagSeconds}, in JSON or, with {@code Accept: text/csv}, as CSV, and is
 * cached briefly per tenant and query ({@link ReportCache}; {@code Cache-Control: no-cache} skips it). The numbers are
 * {@link ReportService}'s, the dashboard's too.
 */
@Tag(name = "reports")
@RestController
@RequestMapping(value = "/v1/reports", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
class AnalyticsReportController {

  private static final String FROM = "First day, YYYY-MM-DD in the tenant's time zone (included)";
  private static final String TO = "Last day, YYYY-MM-DD in the tenant's time zone (included)";
  private static final String GROUP_BY = "day (default, 2026-03-29), week (ISO, 2026-W13) or month (2026-03)";

  private final ReportService reports;

  AnalyticsReportController(ReportService reports) {
    this.reports = reports;
  }

  @GetMapping("/bookings")
  @Operation(operationId = "bookingsReport", summary = "Bookings created, confirmed, cancelled, no-shows, completed and rescheduled",
      description = "Per period and in all, counted on the day each happened, with cancellation and no-show rates; filter by"
          + " service, provider, location or link. Scope reports:read.")
  Mono<BookingsReport> bookings(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = GROUP_BY) @RequestParam(required = false) String groupBy,
      @RequestParam(required = false) UUID serviceId, @RequestParam(required = false) UUID providerId,
      @RequestParam(required = false) UUID locationId, @RequestParam(required = false) UUID linkId,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    ReportRange range = ReportRange.of(from, to, groupBy);
    return reports.bookings(caller.tenantId(), range, new BookingFilter(serviceId, providerId, locationId, linkId), noCache(cacheControl));
  }

  @GetMapping("/funnel")
  @Operation(operationId = "funnelReport", summary = "The express-link funnel: views, slot searches, bookings, completed",
      description = "Per link and in all, with the rates between the steps; filter by link. Scope reports:read.")
  Mono<FunnelReport> funnel(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) UUID linkId,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    return reports.funnel(caller.tenantId(), ReportRange.of(from, to, null), linkId, noCache(cacheControl));
  }

  @GetMapping("/claims")
  @Operation(operationId = "claimsReport", summary = "Insurance claims submitted, approved and rejected, per payer",
      description = "Per period, per payer (the claim's plan) and in all, with the approval rate and the average days from"
          + " submission to decision. Scope reports:read.")
  Mono<ClaimsReport> claims(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = GROUP_BY) @RequestParam(required = false) String groupBy,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    return reports.claims(caller.tenantId(), ReportRange.of(from, to, groupBy), noCache(cacheControl));
  }

  @GetMapping("/utilisation")
  @Operation(operationId = "utilisationReport", summary = "Booked minutes against working minutes, per provider",
      description = "Per provider and period and in all: working minutes from the providers' weekly hours (catalog events),"
          + " read in their locations' zones, DST included; booked minutes of the bookings that hold their time (confirmed,"
          + " completed, no-show) on the day they start. Filter by provider. Scope reports:read.")
  Mono<UtilisationReport> utilisation(Caller caller,
      @Parameter(description = FROM) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @Parameter(description = TO) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = GROUP_BY) @RequestParam(required = false) String groupBy,
      @RequestParam(required = false) UUID providerId,
      @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
    caller.require(Scope.REPORTS_READ);
    return reports.utilisation(caller.tenantId(), ReportRange.of(from, to, groupBy), providerId, noCache(cacheControl));
  }

  static boolean noCache(String cacheControl) {
    return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
  }
}
