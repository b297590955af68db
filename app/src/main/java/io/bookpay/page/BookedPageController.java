package io.bookpay.page;

import io.bookpay.link.LinkPageService;
import io.bookpay.link.PageBooked;
import io.bookpay.platform.security.Digests;
import io.bookpay.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A booking made on a link's page: its confirmation page, its calendar file and its cancel form,
 * all under the booking's own page token ({@code /b/booking/{token}}), which only its client got.
 */
@Tag(name = "booking-page")
@Controller
@RequestMapping("/b/booking/{token}")
class BookedPageController {

  static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

  private final LinkPageService pages;
  private final PageGuard guard;
  private final Clock clock;

  BookedPageController(LinkPageService pages, PageGuard guard, Clock clock) {
    this.pages = pages;
    this.guard = guard;
    this.clock = clock;
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "showBookingConfirmation", summary = "The confirmation page of a booking made on a link's page",
      description = "Public: the booking's page token is the credential. The appointment, a calendar file, and the cancel form"
          + " until the service's minimum notice.",
      responses = @ApiResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML_VALUE,
          schema = @Schema(type = "string"), examples = @ExampleObject(BookingPageController.HTML_EXAMPLE))))
  Mono<Rendering> show(@PathVariable String token, ServerWebExchange exchange) {
    return pages.booked(token, pages.clientOf(exchange.getRequest()))
        .map(booked -> render(token, booked, HttpStatus.OK, null))
        .onErrorResume(ApiException.class, e -> Mono.just(Refusals.page(e)));
  }

  @GetMapping(value = "/calendar.ics", produces = "text/calendar")
  @ResponseBody
  @Operation(operationId = "downloadBookingCalendar", summary = "The booking as an iCalendar file (.ics)",
      responses = @ApiResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "text/calendar",
          schema = @Schema(type = "string"), examples = @ExampleObject("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...END:VCALENDAR\r\n"))))
  Mono<ResponseEntity<String>> calendar(@PathVariable String token, ServerWebExchange exchange) {
    return pages.booked(token, pages.clientOf(exchange.getRequest()))
        .map(booked -> ResponseEntity.ok()
            .contentType(CALENDAR)
            .header("Content-Disposition", ContentDisposition.attachment().filename("appointment.ics").build().toString())
            .cacheControl(CacheControl.noStore())
            .header("Referrer-Policy", "same-origin")
            .body(Ics.of(booked, uid(token), clock.instant(), pages.bookingPageUrl(token))))
        .onErrorResume(ApiException.class, e -> Mono.just(ResponseEntity.status(e.type().status())
            .contentType(MediaType.TEXT_PLAIN).cacheControl(CacheControl.noStore()).body(e.getMessage() + "\n")));
  }

  @PostMapping(value = "/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
  @Operation(operationId = "cancelOnBookingPage", summary = "Cancel a booking from its confirmation page",
      description = "Public form post. Allowed until the service's minimum notice before the start (else 409, a page saying"
          + " until when); the booking's history names the actor client:link. 303 back to the confirmation page.",
      responses = @ApiResponse(responseCode = "303", description = "Cancelled: see the confirmation page",
          content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"),
              examples = @ExampleObject(BookingPageController.HTML_EXAMPLE))))
  Mono<Rendering> cancel(@PathVariable String token, ServerWebExchange exchange) {
    String ip = pages.clientOf(exchange.getRequest());
    return guard.sameSite(exchange)
        .then(pages.cancel(token, ip))
        .map(cancelled -> Rendering.redirectTo("/b/booking/" + token).status(HttpStatus.SEE_OTHER).build())
        .onErrorResume(ApiException.class, e -> e.type().status() == HttpStatus.CONFLICT
            ? pages.booked(token, ip).map(booked -> render(token, booked, HttpStatus.CONFLICT, e.getMessage()))
                .onErrorResume(ApiException.class, again -> Mono.just(Refusals.page(again)))
            : Mono.just(Refusals.page(e)));
  }

  private Rendering render(String token, PageBooked booked, HttpStatus status, String message) {
    ZoneId zone = ZoneId.of(booked.page().timeZone());
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("page", PageView.of(booked.page(), clock.instant()));
    model.put("booked", booked);
    model.put("cancelled", booked.status() == io.bookpay.booking.BookingStatus.CANCELLED);
    model.put("day", PageFormat.longDay(booked.start(), zone));
    model.put("from", PageFormat.time(booked.start(), zone));
    model.put("to", PageFormat.time(booked.end(), zone));
    model.put("start", booked.start().toString());
    model.put("price", PageFormat.money(booked.priceAmount(), booked.currency()));
    model.put("cancellableUntil", PageFormat.longDay(booked.cancellableUntil(), zone) + " " + PageFormat.time(booked.cancellableUntil(), zone));
    model.put("ics", "/b/booking/" + token + "/calendar.ics");
    model.put("cancelAction", "/b/booking/" + token + "/cancel");
    model.put("message", message);
    return Refusals.secured(Rendering.view("page/booked").model(model).status(status));
  }

  /** Names the appointment in calendars without naming anything of ours: a digest of its page token. */
  private static String uid(String token) {
    return HexFormat.of().formatHex(Digests.sha256("ics:" + token)).substring(0, 32);
  }
}
