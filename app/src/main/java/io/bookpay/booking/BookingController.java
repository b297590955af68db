package io.bookpay.booking;

import io.bookpay.platform.web.Responses;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** HTTP for bookings: create, read, list, and one endpoint per transition. */
@Tag(name = "bookings")
@RestController
@RequestMapping("/v1/bookings")
class BookingController {

  record Reason(@Size(max = 500) String reason) {}

  record Reschedule(@NotNull Instant start) {}

  private final BookingService bookings;

  BookingController(BookingService bookings) {
    this.bookings = bookings;
  }

  @Operation(operationId = "createBooking", summary = "Book an appointment")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<Booking>> create(Caller caller, @Valid @RequestBody NewBooking request) {
    caller.require(Scope.BOOKINGS_WRITE);
    return bookings.create(caller, request)
        .map(b -> Responses.created("/v1/bookings/" + b.id(), b.version(), b));
  }

  @Operation(operationId = "getBooking", summary = "Get a booking")
  @GetMapping("/{id}")
  Mono<ResponseEntity<Booking>> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BOOKINGS_READ);
    return bookings.get(caller, id).map(BookingController::ok);
  }

  /** The booking's status changes, oldest first. */
  @Operation(operationId = "listBookingHistory", summary = "List a booking's status changes")
  @GetMapping("/{id}/history")
  Mono<Page<HistoryEntry>> history(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BOOKINGS_READ);
    return Page.afterCount(bookings.history(caller, id), cursor, limit);
  }

  /** Bookings by start time; filters combine; {@code from}/{@code to} bound the start. */
  @Operation(operationId = "listBookings", summary = "List bookings")
  @GetMapping
  Mono<Page<Booking>> list(Caller caller,
      @RequestParam(required = false) UUID providerId, @RequestParam(required = false) UUID customerId,
      @RequestParam(required = false) BookingStatus status,
      @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BOOKINGS_READ);
    BookingQuery query = new BookingQuery(providerId, customerId, status, from, to, PageCursor.keyed(cursor));
    return bookings.page(caller, query, limit + 1).map(rows -> Page.of(rows, limit, b -> PageCursor.after(b.start(), b.id())));
  }

  @Operation(operationId = "confirmBooking", summary = "Confirm a held booking")
  @PostMapping("/{id}/confirm")
  Mono<ResponseEntity<Booking>> confirm(Caller caller, @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody(required = false) Reason body) {
    return transition(caller, id, BookingStatus.CONFIRMED, ifMatch, body);
  }

  @Operation(operationId = "cancelBooking", summary = "Cancel a booking")
  @PostMapping("/{id}/cancel")
  Mono<ResponseEntity<Booking>> cancel(Caller caller, @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody(required = false) Reason body) {
    return transition(caller, id, BookingStatus.CANCELLED, ifMatch, body);
  }

  /** Releases a hold now, as if it had lapsed (HELD only). */
  @Operation(operationId = "expireBooking", summary = "Release a held booking now")
  @PostMapping("/{id}/expire")
  Mono<ResponseEntity<Booking>> expire(Caller caller, @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody(required = false) Reason body) {
    return transition(caller, id, BookingStatus.EXPIRED, ifMatch, body);
  }

  @Operation(operationId = "completeBooking", summary = "Mark a booking completed")
  @PostMapping("/{id}/complete")
  Mono<ResponseEntity<Booking>> complete(Caller caller, @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody(required = false) Reason body) {
    return transition(caller, id, BookingStatus.COMPLETED, ifMatch, body);
  }

  @Operation(operationId = "markBookingNoShow", summary = "Mark a booking as a no-show")
  @PostMapping("/{id}/no-show")
  Mono<ResponseEntity<Booking>> noShow(Caller caller, @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody(required = false) Reason body) {
    return transition(caller, id, BookingStatus.NO_SHOW, ifMatch, body);
  }

  @Operation(operationId = "rescheduleBooking", summary = "Move a booking to another start")
  @PostMapping("/{id}/reschedule")
  Mono<ResponseEntity<Booking>> reschedule(Caller caller, @PathVariable UUID id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @Valid @RequestBody Reschedule body) {
    caller.require(Scope.BOOKINGS_WRITE);
    return bookings.reschedule(caller, id, body.start(), ifMatch == null ? null : Versions.required(ifMatch)).map(BookingController::ok);
  }

  private Mono<ResponseEntity<Booking>> transition(Caller caller, UUID id, BookingStatus target, String ifMatch, Reason body) {
    caller.require(Scope.BOOKINGS_WRITE);
    Long version = ifMatch == null ? null : Versions.required(ifMatch);
    return bookings.transition(caller, id, target, body == null ? null : body.reason(), version).map(BookingController::ok);
  }

  private static ResponseEntity<Booking> ok(Booking b) {
    return Responses.ok(b.version(), b);
  }
}
