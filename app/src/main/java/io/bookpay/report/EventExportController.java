package io.bookpay.report;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Problems;
import io.bookpay.projection.analytics.EventLog;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The analytics event log of the caller's tenant, streamed from the database as it is read: NDJSON,
 * or CSV with {@code Accept: text/csv}. Rows hold ids and values only; personal data never reached
 * the log.
 */
@Tag(name = "analytics")
@RestController
class EventExportController {

  static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;
  static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  /** A domain event's wire name, or a custom event's type. */
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}|[a-z][a-z0-9_.-]{0,63}");

  private final EventLog log;

  EventExportController(EventLog log) {
    this.log = log;
  }

  @GetMapping(value = "/v1/analytics/events/export", produces = {MediaType.APPLICATION_NDJSON_VALUE, "text/csv"})
  @Operation(operationId = "exportAnalyticsEvents", summary = "Export the analytics event log as NDJSON or CSV",
      description = """
          Scope reports:read. Every event of the caller's tenant with from <= occurredAt < to (instants), of one type \
          (a domain event's name such as BookingConfirmed, or a custom type) or all, oldest first. NDJSON by default, \
          CSV (RFC 4180, one header row: eventId,type,occurredAt,customerId,linkId,sessionId,data) with Accept: text/csv. \
          Streamed as it is read from the database, so any range can be exported; ids only, no personal data.""")
  Mono<ResponseEntity<Flux<DataBuffer>>> export(Caller caller, @RequestParam Instant from, @RequestParam Instant to,
      @RequestParam(required = false) String type, ServerWebExchange exchange) {
    caller.require(Scope.REPORTS_READ);
    if (!from.isBefore(to)) {
      throw Problems.invalid("from", "must be before 'to'");
    }
    if (type != null && !TYPE.matcher(type).matches()) {
      throw Problems.invalid("type", "must be an event type such as BookingConfirmed or page.viewed");
    }
    boolean csv = wantsCsv(exchange.getRequest().getHeaders().getAccept());
    DataBufferFactory buffers = exchange.getResponse().bufferFactory();
    Function<EventLog.Row, byte[]> format = csv ? EventExport::csv : EventExport::ndjson;
    Flux<byte[]> lines = log.export(caller.tenantId(), from, to, type).map(format);
    Flux<DataBuffer> body = (csv ? Flux.just(EventExport.CSV_HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8)).concatWith(lines) : lines)
        .map(buffers::wrap);
    return Mono.just(ResponseEntity.ok()
        .contentType(csv ? CSV : NDJSON)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(body));
  }

  /** CSV when the most preferred acceptable type the route produces is text/csv; NDJSON otherwise (also for * / *). */
  static boolean wantsCsv(List<MediaType> accept) {
    return accept.stream()
        .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
        .filter(m -> m.isCompatibleWith(CSV) || m.isCompatibleWith(NDJSON))
        .findFirst()
        .map(m -> !m.isWildcardType() && !m.isWildcardSubtype() && m.isCompatibleWith(CSV))
        .orElse(false);
  }
}
