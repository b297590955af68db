package io.bookpay.link;

import io.bookpay.customer.NewCustomer;
import io.bookpay.platform.web.ClientAddress;
import io.bookpay.tracking.CustomEventInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The public side of a link: no API key, the token is the credential. Rate limited per client
 * address and per link; unknown tokens far harder.
 */
@Tag(name = "public-links")
@RestController
@RequestMapping("/v1/public/links/{token}")
class PublicLinkController {

  record Slots(Instant from, Instant to, List<PublicSlot> slots) {}

  /** One analytics event from the link's page: as in the API, without a customer (the link's own is used). */
  record PageEvent(String type, Instant occurredAt, String sessionId, JsonNode data) {}

  /** {@code events}: 1 to 50 of the page's events. */
  record PageEvents(List<PageEvent> events) {}

  /** How many events were recorded. */
  record Accepted(int accepted) {}

  /** {@code customer} is needed unless the link names or prefills one. */
  record BookingRequest(@NotNull Instant start, @Valid NewCustomer customer) {}

  private final LinkService links;
  private final ClientAddress clients;

  PublicLinkController(LinkService links, LinkProperties properties) {
    this.links = links;
    this.clients = new ClientAddress(properties.trustedProxies());
  }

  @Operation(operationId = "viewPublicLink", summary = "See what a link offers",
      description = "JSON for API clients. A browser (Accept preferring text/html) is sent to the link's booking page, GET /b/{token}"
          + " (303), so links texted before the page existed open it.")
  @GetMapping
  Mono<ResponseEntity<PublicLink>> view(@PathVariable String token, ServerWebExchange exchange) {
    if (prefersHtml(exchange.getRequest().getHeaders().getAccept())) {
      return Mono.just(ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/b/" + token)).build());
    }
    return links.view(token, clients.of(exchange.getRequest())).map(ResponseEntity::ok);
  }

  /** Whether text/html comes before any JSON in the client's order of preference (a wildcard alone is not a browser). */
  static boolean prefersHtml(List<MediaType> accept) {
    List<MediaType> sorted = new java.util.ArrayList<>(accept);
    MimeTypeUtils.sortBySpecificity(sorted);
    sorted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
    for (MediaType type : sorted) {
      if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
        return true;
      }
      if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
        return false;
      }
    }
    return false;
  }

  @Operation(operationId = "listPublicLinkSlots", summary = "Find a link's free slots")
  @GetMapping("/slots")
  Mono<Slots> slots(@PathVariable String token, @RequestParam Instant from, @RequestParam Instant to, ServerWebExchange exchange) {
    return links.slots(token, clients.of(exchange.getRequest()), from, to).map(slots -> new Slots(from, to, slots));
  }

  @PostMapping("/events")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(operationId = "recordLinkPageEvents", summary = "Record analytics events from a link's page",
      description = """
          Public (the token is the credential), rate limited per address and per link (a budget of its own). Up to 50           events {type, occurredAt, sessionId?, data?} with the rules of POST /v1/analytics/events; they name the link,           and its customer when the link names one. 202, or 400 listing the bad items and nothing recorded.""")
  Mono<Accepted> events(@PathVariable String token, @RequestBody PageEvents request, ServerWebExchange exchange) {
    List<CustomEventInput> events = request.events() == null ? null : request.events().stream()
        .map(e -> e == null ? null : new CustomEventInput(e.type(), e.occurredAt(), null, e.sessionId(), e.data())).toList();
    return links.recordEvents(token, clients.of(exchange.getRequest()), events).map(Accepted::new);
  }

  /**
   * 201 with the booking as the client may see it. No Location header: the booking's address in the
   * authenticated API is no business of the public.
   */
  @Operation(operationId = "bookThroughLink", summary = "Book through a link")
  @PostMapping("/bookings")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<PublicBooking> book(@PathVariable String token, @Valid @RequestBody BookingRequest request, ServerWebExchange exchange) {
    return links.book(token, clients.of(exchange.getRequest()), request.start(), request.customer());
  }
}
