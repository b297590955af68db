package io.bookpay.booking;

import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Free slots of a service between two instants (at most 31 days apart). */
@Tag(name = "bookings")
@RestController
class AvailabilityController {

  record Availability(UUID serviceId, UUID providerId, Instant from, Instant to, List<Slot> slots) {}

  private final AvailabilityService availability;

  AvailabilityController(AvailabilityService availability) {
    this.availability = availability;
  }

  @Operation(operationId = "getAvailability", summary = "Find a service's free slots")
  @GetMapping("/v1/availability")
  Mono<Availability> slots(Caller caller, @RequestParam UUID serviceId, @RequestParam(required = false) UUID providerId,
      @RequestParam Instant from, @RequestParam Instant to) {
    caller.require(Scope.BOOKINGS_READ);
    return availability.slots(caller.tenantId(), serviceId, providerId, from, to)
        .map(slots -> new Availability(serviceId, providerId, from, to, slots));
  }
}
