package io.bookpay.link;

import io.bookpay.platform.idempotency.SecretFields;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** Links as their owner manages them (API key with the bookings scopes). */
@Tag(name = "links")
@RestController
@RequestMapping("/v1/links")
class LinkController {

  /** The creation answer: the link plus its token and URL, which are never shown again. */
  @Schema(name = "CreatedLink")
  record Created(UUID id, String token, String url, UUID serviceId, UUID providerId, UUID customerId, Link.Prefill prefill,
      Instant validFrom, Instant expiresAt, Integer maxUses, int uses, LinkStatus status, Instant createdAt) {}

  private final LinkService links;

  LinkController(LinkService links) {
    this.links = links;
  }

  @Operation(operationId = "createLink", summary = "Create an express booking link")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ResponseEntity<Created>> create(Caller caller, @Valid @RequestBody NewLink request, ServerWebExchange exchange) {
    caller.require(Scope.BOOKINGS_WRITE);
    SecretFields.mark(exchange, "token", "url");
    return links.create(caller, request).map(c -> {
      Link l = c.link();
      return ResponseEntity.created(URI.create("/v1/links/" + l.id())).body(new Created(l.id(), c.token(), c.url(), l.serviceId(),
          l.providerId(), l.customerId(), l.prefill(), l.validFrom(), l.expiresAt(), l.maxUses(), l.uses(), l.status(), l.createdAt()));
    });
  }

  @Operation(operationId = "listLinks", summary = "List links")
  @GetMapping
  Mono<Page<Link>> list(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BOOKINGS_READ);
    return links.list(caller, PageCursor.id(cursor), limit + 1).map(rows -> Page.of(rows, limit, l -> PageCursor.after(l.id())));
  }

  @Operation(operationId = "getLink", summary = "Get a link")
  @GetMapping("/{id}")
  Mono<Link> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BOOKINGS_READ);
    return links.get(caller, id);
  }

  @Operation(operationId = "revokeLink", summary = "Revoke a link")
  @PostMapping("/{id}/revoke")
  Mono<Link> revoke(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BOOKINGS_WRITE);
    return links.revoke(caller, id);
  }
}
