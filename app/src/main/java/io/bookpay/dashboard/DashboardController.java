package io.bookpay.dashboard;

import io.bookpay.report.CsvReport;
import io.bookpay.report.CsvTable;
import io.bookpay.report.ReportRange;
import io.bookpay.report.ReportService;
import io.bookpay.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard, {@code GET /dashboard?from=&to=&currency=}: six views over days in the tenant's
 * zone (the last 30 by default), each a chart beside its table, with how fresh the figures are; and
 * each view's CSV, {@code GET /dashboard/{view}.csv}, the very CSV of the report API. The figures
 * come from {@link ReportService}, as the report API's do. {@link DashboardGuard} lets only a
 * signed-in session reach these.
 */
@Tag(name = "dashboard")
@Controller
@RequestMapping("/dashboard")
class DashboardController {

  static final List<String> VIEWS = List.of("bookings", "funnel", "financial", "receivables", "utilisation", "claims");
  private static final int DEFAULT_DAYS = 30;
  private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.ENGLISH);
  private static final String FROM = "First day, YYYY-MM-DD in the tenant's time zone (default: 29 days before 'to')";
  private static final String TO = "Last day, YYYY-MM-DD in the tenant's time zone (default: today there); receivables are aged on it";
  private static final String CURRENCY = "The money views' currency, one of the tenant's (default: the first of them)";

  private final ReportService reports;
  private final Views views;
  private final Clock clock;

  DashboardController(ReportService reports, JsonMapper json, Clock clock) {
    this.reports = reports;
    this.views = new Views(json);
    this.clock = clock;
  }

  /** The period and currency asked for, checked like the report API checks them. */
  private record Query(ReportRange range, String currency, List<String> currencies, ZoneId zone) {}

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "showDashboard", summary = "The dashboard: bookings, funnel, money, receivables, utilisation, claims",
      description = "Needs a signed-in session (the cookie from /dashboard/login); without one, 303 to the sign-in form. Each view"
          + " is a chart beside its table, from the same report services as /v1/reports, with their asOf. A bad period is a 400 page.",
      responses = @ApiResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML_VALUE,
          schema = @Schema(type = "string"), examples = @ExampleObject(LoginController.HTML_EXAMPLE))))
  Mono<Rendering> page(@Parameter(description = FROM) @RequestParam(required = false) String from,
      @Parameter(description = TO) @RequestParam(required = false) String to,
      @Parameter(description = CURRENCY) @RequestParam(required = false) String currency, ServerWebExchange exchange) {
    DashboardSession session = DashboardGuard.session(exchange);
    UUID tenant = session.tenantId();
    return query(tenant, from, to, currency)
        .flatMap(q -> Mono.zip(
                reports.bookings(tenant, q.range(), false),
                reports.funnel(tenant, q.range(), null, false),
                reports.financial(tenant, q.range(), q.currency(), false),
                reports.receivables(tenant, q.range().to(), q.currency(), false),
                reports.utilisation(tenant, q.range(), null, false),
                reports.claims(tenant, q.range(), false))
            .map(r -> {
              Map<String, Object> model = new LinkedHashMap<>();
              model.put("from", q.range().from().toString());
              model.put("to", q.range().to().toString());
              model.put("currency", q.currency());
              model.put("currencies", q.currencies());
              model.put("zone", q.zone().getId());
              model.put("csrf", session.csrfToken());
              model.put("query", "?from=" + q.range().from() + "&to=" + q.range().to() + (q.currency() == null ? "" : "&currency=" + q.currency()));
              model.put("analyticsAsOf", asOf(r.getT1().asOf(), q.zone()));
              model.put("analyticsLag", r.getT1().lagSeconds());
              model.put("financeAsOf", asOf(r.getT3().asOf(), q.zone()));
              model.put("financeLag", r.getT3().lagSeconds());
              model.put("views", List.of(views.bookings(r.getT1()), views.funnel(r.getT2()), views.financial(r.getT3()),
                  views.receivables(r.getT4()), views.utilisation(r.getT5()), views.claims(r.getT6())));
              return DashboardPages.page("dashboard/index", model, HttpStatus.OK);
            }))
        .onErrorResume(ApiException.class, e -> Mono.just(DashboardPages.refusal(e.type().status(), "This period cannot be shown",
            e.getMessage() + " Dates are YYYY-MM-DD in your business's time zone, at most a year apart.", null)));
  }

  @GetMapping(value = "/{view}.csv", produces = "text/csv")
  @Operation(operationId = "downloadDashboardCsv", summary = "A dashboard view as CSV, the report API's own",
      description = "Needs a signed-in session; without one, 303 to the sign-in form. The same table as GET /v1/reports/{view} with"
          + " Accept: text/csv for the period (receivables: on 'to'), with Bookpay-As-Of and Bookpay-Lag-Seconds.",
      responses = @ApiResponse(responseCode = "200", description = "The table", content = @Content(mediaType = "text/csv",
          schema = @Schema(type = "string"), examples = @ExampleObject("period,created,confirmed,cancelled,noShows,completed,rescheduled,"
              + "cancellationRate,noShowRate\r\n2026-03-29,4,3,1,0,2,0,0.2500,0.0000\r\n"))))
  Mono<ResponseEntity<byte[]>> csv(
      @Parameter(description = "bookings, funnel, financial, receivables, utilisation or claims",
          schema = @Schema(allowableValues = {"bookings", "funnel", "financial", "receivables", "utilisation", "claims"}))
      @PathVariable String view,
      @Parameter(description = FROM) @RequestParam(required = false) String from,
      @Parameter(description = TO) @RequestParam(required = false) String to,
      @Parameter(description = CURRENCY) @RequestParam(required = false) String currency, ServerWebExchange exchange) {
    UUID tenant = DashboardGuard.session(exchange).tenantId();
    if (!VIEWS.contains(view)) {
      return Mono.just(text(HttpStatus.NOT_FOUND, "No such view; there are " + String.join(", ", VIEWS) + ".\n"));
    }
    return query(tenant, from, to, currency)
        .flatMap(q -> switch (view) {
          case "bookings" -> reports.bookings(tenant, q.range(), false).map(r -> (CsvReport) r);
          case "funnel" -> reports.funnel(tenant, q.range(), null, false).map(r -> (CsvReport) r);
          case "financial" -> reports.financial(tenant, q.range(), q.currency(), false).map(r -> (CsvReport) r);
          case "receivables" -> reports.receivables(tenant, q.range().to(), q.currency(), false).map(r -> (CsvReport) r);
          case "utilisation" -> reports.utilisation(tenant, q.range(), null, false).map(r -> (CsvReport) r);
          default -> reports.claims(tenant, q.range(), false).map(r -> (CsvReport) r);
        })
        .map(DashboardController::csv)
        .onErrorResume(ApiException.class, e -> Mono.just(text(e.type().status(), e.getMessage() + "\n")));
  }

  private static ResponseEntity<byte[]> csv(CsvReport report) {
    CsvTable table = report.csv();
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header("Content-Disposition", ContentDisposition.attachment().filename(table.filename()).build().toString())
        .header("Bookpay-Lag-Seconds", Long.toString(report.lagSeconds()))
        .cacheControl(CacheControl.noStore());
    if (report.asOf() != null) {
      answer.header("Bookpay-As-Of", report.asOf().toString());
    }
    return answer.body(table.render().getBytes(StandardCharsets.UTF_8));
  }

  private static ResponseEntity<byte[]> text(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).cacheControl(CacheControl.noStore())
        .body(message.getBytes(StandardCharsets.UTF_8));
  }

  /** The period (the last 30 days in the tenant's zone by default) and the currency (one of the tenant's). */
  private Mono<Query> query(UUID tenant, String from, String to, String currency) {
    return Mono.zip(reports.zone(tenant), reports.currencies(tenant)).map(t -> {
      ZoneId zone = t.getT1();
      LocalDate last = date("to", to);
      last = last != null ? last : LocalDate.ofInstant(clock.instant(), zone);
      LocalDate first = date("from", from);
      // A 'to' outside the reports' years (ReportRange refuses it) must not overflow the calendar here first.
      first = first != null ? first : last.getYear() < 2000 || last.getYear() > 2199 ? last : last.minusDays(DEFAULT_DAYS - 1);
      ReportRange range = ReportRange.of(first, last, "day");
      List<String> currencies = t.getT2();
      String chosen = currency != null && currencies.contains(currency.toUpperCase(Locale.ROOT)) ? currency.toUpperCase(Locale.ROOT)
          : currencies.isEmpty() ? null : currencies.get(0);
      return new Query(range, chosen, currencies, zone);
    });
  }

  private static LocalDate date(String field, String value) {
    try {
      return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw io.bookpay.platform.web.Problems.invalid(field, "must be a date as YYYY-MM-DD");
    }
  }

  private static String asOf(Instant at, ZoneId zone) {
    return at == null ? "not yet" : AS_OF.format(at.atZone(zone));
  }
}
