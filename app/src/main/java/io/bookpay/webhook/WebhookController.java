package io.bookpay.webhook;

import io.bookpay.platform.idempotency.SecretFields;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.Page;
import io.bookpay.platform.web.PageCursor;
import io.bookpay.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
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

/** HTTP for a tenant's webhook set-up: signing secrets, and the received events with what became of them. */
@Tag(name = "webhooks")
@RestController
class WebhookController {

  /** {@code secret}: the provider's (Stripe's {@code whsec_...}); omitted, Bookpay makes one and shows it once. */
  record NewSecret(@Pattern(regexp = "stripe", message = "must be stripe") String provider,
      @Size(min = 16, max = 200) @Pattern(regexp = "\\S+", message = "must not contain spaces") String secret) {}

  /**
   * The list's {@link Page} shape, plus {@code nextBefore}, which this list answered before it had a
   * cursor; it goes after one release.
   */
  record EventPage(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<InboxEvent> items,
      @Schema(description = "The cursor of the next page; null on the last page", requiredMode = Schema.RequiredMode.REQUIRED,
          nullable = true, types = {"string", "null"}, example = "MjAyNi0wMy0xMFQwOTozMTowMlp8MDE5Y2EyYjAtMzBlYy03NjZiLWI2ODQtN2ZhNWJiMTBjMTUz")
      @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor,
      @Schema(description = "Deprecated: use nextCursor. The receivedAt of the page's last event, to pass as `before`; null on the"
          + " last page", deprecated = true, nullable = true) Instant nextBefore) {

    static EventPage of(Page<InboxEvent> page) {
      Instant before = page.nextCursor() == null ? null : page.items().get(page.items().size() - 1).receivedAt();
      return new EventPage(page.items(), page.nextCursor(), before);
    }
  }

  private final WebhookSecretService secrets;
  private final WebhookInbox inbox;
  private final WebhookProcessor processor;
  private final Clock clock;

  WebhookController(WebhookSecretService secrets, WebhookInbox inbox, WebhookProcessor processor, Clock clock) {
    this.secrets = secrets;
    this.inbox = inbox;
    this.processor = processor;
    this.clock = clock;
  }

  @Operation(operationId = "addWebhookSecret", summary = "Add a webhook signing secret")
  @PostMapping("/v1/webhooks/secrets")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<WebhookSecret>> addSecret(Caller caller, @Valid @RequestBody NewSecret body, ServerWebExchange exchange) {
    caller.require(Scope.BILLING_WRITE);
    SecretFields.mark(exchange, "secret");
    return secrets.add(caller, "stripe", body.secret())
        .map(s -> ResponseEntity.created(URI.create("/v1/webhooks/secrets/" + s.id())).body(s));
  }

  @Operation(operationId = "listWebhookSecrets", summary = "List webhook signing secrets")
  @GetMapping("/v1/webhooks/secrets")
  Mono<Page<WebhookSecret>> listSecrets(Caller caller, @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit) {
    caller.require(Scope.BILLING_READ);
    return Page.afterId(secrets.list(caller), cursor, limit, WebhookSecret::id);
  }

  @Operation(operationId = "revokeWebhookSecret", summary = "Revoke a webhook signing secret")
  @PostMapping("/v1/webhooks/secrets/{id}/revoke")
  Mono<WebhookSecret> revokeSecret(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_WRITE);
    return secrets.revoke(caller, id);
  }

  /** Received events, newest first; {@code status} is PENDING, PROCESSED, IGNORED or FAILED. */
  @Operation(operationId = "listWebhookEvents", summary = "List received webhook events")
  @GetMapping("/v1/webhooks/events")
  Mono<EventPage> events(Caller caller, @RequestParam(required = false) @Pattern(regexp = "PENDING|PROCESSED|IGNORED|FAILED",
          message = "must be PENDING, PROCESSED, IGNORED or FAILED") String status,
      @RequestParam(required = false) String cursor,
      @RequestParam(defaultValue = Page.DEFAULT_LIMIT) @Min(1) @Max(Page.MAX_LIMIT) int limit,
      @Parameter(deprecated = true, description = "Deprecated: use `cursor`. Events received before this instant (a page's nextBefore)")
      @RequestParam(required = false) Instant before) {
    caller.require(Scope.BILLING_READ);
    if (before != null && cursor != null && !cursor.isBlank()) {
      throw Problems.invalid("before", "is the deprecated way to page; give 'cursor' or 'before', not both");
    }
    return Page.of(inbox.page(caller.tenantId(), status, PageCursor.keyed(cursor), before, limit + 1), limit,
        e -> PageCursor.after(e.receivedAt(), e.id())).map(EventPage::of);
  }

  @Operation(operationId = "getWebhookEvent", summary = "Get a received webhook event")
  @GetMapping("/v1/webhooks/events/{id}")
  Mono<InboxEvent> event(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return inbox.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Webhook event " + id)));
  }

  /** Runs an event again (typically a FAILED one, after its cause was fixed): PENDING, due now, tries counted afresh. */
  @Operation(operationId = "replayWebhookEvent", summary = "Run a received webhook event again")
  @PostMapping("/v1/webhooks/events/{id}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<InboxEvent> replay(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_WRITE);
    return inbox.replay(caller.tenantId(), id, clock.instant())
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Webhook event " + id)))
        .doOnSuccess(e -> processor.wake());
  }
}
