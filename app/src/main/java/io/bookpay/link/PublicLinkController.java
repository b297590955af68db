package io.bookpay.link;

import io.bookpay.customer.NewCustomer;
import io.bookpay.platform.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
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

/**
 * The public side of a link: no API key, the token is the credential. Rate limited per client
 * address and per link; unknown tokens far harder.
 */
@Tag(name = "public-links")
@RestController
@RequestMapping("/v1/public/links/{token}")
class PublicLinkController {

  record Slots(Instant from, Instant to, List<PublicSlot> slots) {}

  /** {@code customer} is needed unless the link names or prefills one. */
  record BookingRequest(@NotNull Instant start, @Valid NewCustomer customer) {}

  private final LinkService links;
  private final ClientAddress clients;

  PublicLinkController(LinkService links, LinkProperties properties) {
    this.links = links;
    this.clients = new ClientAddress(properties.trustedProxies());
  }

  @Operation(operationId = "viewPublicLink", summary = "See what a link offers")
  @GetMapping
  Mono<PublicLink> view(@PathVariable String token, ServerWebExchange exchange) {
    return links.view(token, clients.of(exchange.getRequest()));
  }

  @Operation(operationId = "listPublicLinkSlots", summary = "Find a link's free slots")
  @GetMapping("/slots")
  Mono<Slots> slots(@PathVariable String token, @RequestParam Instant from, @RequestParam Instant to, ServerWebExchange exchange) {
    return links.slots(token, clients.of(exchange.getRequest()), from, to).map(slots -> new Slots(from, to, slots));
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
