package io.bookpay.giftcard;

import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.idempotency.SecretFields;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** HTTP for gift cards: issue (code shown once), look up by code, ledger, manual adjustments. */
@Tag(name = "gift-cards")
@RestController
class GiftCardController {

  record NewGiftCard(@NotNull @Min(1) @Max(100_000_000_000L) Long amount,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. USD") String currency,
      UUID customerId, Instant expiresAt) {}

  record Lookup(@NotBlank @Size(max = 64) String code) {}

  /** Positive adds, negative takes; never below zero. */
  record Adjustment(@NotNull @Min(-100_000_000_000L) @Max(100_000_000_000L) Long amount, @NotBlank @Size(max = 500) String note) {}

  private final GiftCardService cards;

  GiftCardController(GiftCardService cards) {
    this.cards = cards;
  }

  @Operation(operationId = "issueGiftCard", summary = "Issue a gift card")
  @PostMapping("/v1/gift-cards")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<IssuedGiftCard>> issue(Caller caller, @Valid @RequestBody NewGiftCard body, ServerWebExchange exchange) {
    caller.require(Scope.BILLING_WRITE);
    SecretFields.mark(exchange, "code");
    Instant expires = body.expiresAt() == null ? null : body.expiresAt().truncatedTo(ChronoUnit.MICROS);
    return cards.issue(caller, body.amount(), body.currency(), body.customerId(), expires)
        .map(card -> ResponseEntity.created(URI.create("/v1/gift-cards/" + card.id())).body(card));
  }

  @Operation(operationId = "getGiftCard", summary = "Get a gift card")
  @GetMapping("/v1/gift-cards/{id}")
  Mono<GiftCard> get(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return cards.get(caller, id);
  }

  @Operation(operationId = "listGiftCards", summary = "List gift cards")
  @GetMapping("/v1/gift-cards")
  Mono<Page<GiftCard>> list(Caller caller, @RequestParam(required = false) UUID customerId, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit,
      @Parameter(deprecated = true, description = "Deprecated: the old name of `cursor` (a bare id is taken too)")
      @RequestParam(required = false) String after) {
    caller.require(Scope.BILLING_READ);
    return Page.of(cards.page(caller, customerId, PageCursor.id(PageCursor.either(cursor, "after", after)), limit + 1), limit,
        c -> PageCursor.after(c.id()));
  }

  /** The card a code belongs to (a POST, so the code stays out of URLs and logs). */
  @Operation(operationId = "lookUpGiftCard", summary = "Find a gift card by its code")
  @PostMapping("/v1/gift-cards/lookup")
  Mono<GiftCard> lookup(Caller caller, @Valid @RequestBody Lookup body) {
    caller.require(Scope.BILLING_READ);
    return cards.lookup(caller, body.code());
  }

  @Operation(operationId = "listGiftCardLedger", summary = "List a gift card's ledger")
  @GetMapping("/v1/gift-cards/{id}/ledger")
  Mono<Page<LedgerEntry>> ledger(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterCount(cards.ledger(caller, id), cursor, limit);
  }

  @Operation(operationId = "adjustGiftCard", summary = "Adjust a gift card's balance")
  @PostMapping("/v1/gift-cards/{id}/adjustments")
  Mono<GiftCard> adjust(Caller caller, @PathVariable UUID id, @Valid @RequestBody Adjustment body) {
    caller.require(Scope.BILLING_WRITE);
    return cards.adjust(caller, id, body.amount(), body.note());
  }
}
