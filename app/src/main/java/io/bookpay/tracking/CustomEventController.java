package io.bookpay.tracking;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A tenant's API client records custom analytics events. */
@Tag(name = "analytics")
@RestController
class CustomEventController {

  /** {@code events}: 1 to 500 custom events. */
  record Batch(List<CustomEventInput> events) {}

  /** How many events were recorded. */
  record Accepted(int accepted) {}

  private final TrackingService tracking;

  CustomEventController(TrackingService tracking) {
    this.tracking = tracking;
  }

  @PostMapping("/v1/analytics/events")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(operationId = "recordCustomEvents", summary = "Record custom analytics events",
      description = """
          Scope analytics:write. Up to 500 events {type, occurredAt, customerId?, sessionId?, data?}: type matches \
          [a-z][a-z0-9_.-]{0,63}, data is a JSON object of at most 8 KB (the whole body is also held to the body limit, \
          1 MB by default). 202 when every event is valid: they are published as CustomEventRecorded on bookpay.analytics \
          and appear in the analytics event log once applied. Otherwise 400 with invalidItems (their indexes) and errors \
          (events[i].field), and nothing is recorded. 429 rate-limited (with Retry-After) beyond the tenant's quota of custom \
          events a minute (bookpay.tracking.events-per-tenant-per-minute, 6000 by default, shared with its links' pages).""")
  Mono<Accepted> record(Caller caller, @RequestBody Batch batch) {
    caller.require(Scope.ANALYTICS_WRITE);
    return tracking.record(caller, batch.events()).map(Accepted::new);
  }
}
