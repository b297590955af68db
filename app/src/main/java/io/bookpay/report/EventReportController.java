package io.bookpay.report;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Problems;
import io.bookpay.projection.analytics.AnalyticsProjection;
import io.bookpay.projection.analytics.AnalyticsProjection.DailyCount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Events per type and day for the caller's tenant, from the analytics projection. Days are UTC;
 * both ends are inclusive; the default is the last 30 days. The projection trails the writes by the
 * relay and consumer lag (normally well under a second).
 */
@Tag(name = "reports")
@RestController
@RequestMapping("/v1/reports")
class EventReportController {

  static final int MAX_DAYS = 366;

  record EventReport(LocalDate from, LocalDate to, List<DailyCount> days, Map<String, Long> totals) {}

  private final AnalyticsProjection analytics;
  private final Clock clock;

  EventReportController(AnalyticsProjection analytics, Clock clock) {
    this.analytics = analytics;
    this.clock = clock;
  }

  @GetMapping("/events")
  @Operation(operationId = "getEventReport", summary = "Events per type and UTC day",
      description = "Counts the tenant's events per UTC day (not the tenant's zone) and type, and in all; default the last 30"
          + " days, at most 366. JSON only. Scope reports:read.")
  Mono<EventReport> events(
      Caller caller,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    caller.require(Scope.REPORTS_READ);
    LocalDate end = to != null ? to : LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate start = from != null ? from : end.minusDays(29);
    if (start.isAfter(end)) {
      throw Problems.invalid("from", "must not be after 'to'");
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw Problems.invalid("to", "the range may span at most " + MAX_DAYS + " days");
    }
    return analytics.daily(caller.tenantId(), start, end)
        .collectList()
        .map(days -> {
          Map<String, Long> totals = new TreeMap<>();
          days.forEach(d -> totals.merge(d.eventType(), d.count(), Long::sum));
          return new EventReport(start, end, days, totals);
        });
  }
}
