package io.bookpay.webhook;

import io.bookpay.platform.web.Items;
import io.bookpay.platform.idempotency.SecretFields;
import io.bookpay.platform.security.Caller;
import io.bookpay.platform.security.Scope;
import io.bookpay.platform.web.ApiException;
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
@RestController
class WebhookController {

  /** {@code secret}: the provider's (Stripe's {@code whsec_...}); omitted, Bookpay makes one and shows it once. */
  record NewSecret(@Pattern(regexp = "stripe", message = "must be stripe") String provider,
      @Size(min = 16, max = 200) @Pattern(regexp = "\\S+", message = "must not contain spaces") String secret) {}

  record Page(List<InboxEvent> items, Instant nextBefore) {}

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

  @PostMapping("/v1/webhooks/secrets")
  @ResponseStatus(HttpStatus.CREATED) // documents 201 in OpenAPI; the ResponseEntity sets it
  Mono<ResponseEntity<WebhookSecret>> addSecret(Caller caller, @Valid @RequestBody NewSecret body, ServerWebExchange exchange) {
    caller.require(Scope.BILLING_WRITE);
    SecretFields.mark(exchange, "secret");
    return secrets.add(caller, "stripe", body.secret())
        .map(s -> ResponseEntity.created(URI.create("/v1/webhooks/secrets/" + s.id())).body(s));
  }

  @GetMapping("/v1/webhooks/secrets")
  Mono<Items<WebhookSecret>> listSecrets(Caller caller) {
    caller.require(Scope.BILLING_READ);
    return secrets.list(caller).collectList().map(Items::new);
  }

  @PostMapping("/v1/webhooks/secrets/{id}/revoke")
  Mono<WebhookSecret> revokeSecret(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_WRITE);
    return secrets.revoke(caller, id);
  }

  /** Received events, newest first; {@code status} is PENDING, PROCESSED, IGNORED or FAILED. */
  @GetMapping("/v1/webhooks/events")
  Mono<Page> events(Caller caller, @RequestParam(required = false) @Pattern(regexp = "PENDING|PROCESSED|IGNORED|FAILED",
          message = "must be PENDING, PROCESSED, IGNORED or FAILED") String status,
      @RequestParam(required = false) Instant before, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
    caller.require(Scope.BILLING_READ);
    return inbox.page(caller.tenantId(), status, before, limit + 1).collectList()
        .map(rows -> rows.size() > limit ? new Page(rows.subList(0, limit), rows.get(limit - 1).receivedAt()) : new Page(rows, null));
  }

  @GetMapping("/v1/webhooks/events/{id}")
  Mono<InboxEvent> event(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_READ);
    return inbox.find(caller.tenantId(), id).switchIfEmpty(Mono.error(() -> ApiException.notFound("Webhook event " + id)));
  }

  /** Runs an event again (typically a FAILED one, after its cause was fixed): PENDING, due now, tries counted afresh. */
  @PostMapping("/v1/webhooks/events/{id}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<InboxEvent> replay(Caller caller, @PathVariable UUID id) {
    caller.require(Scope.BILLING_WRITE);
    return inbox.replay(caller.tenantId(), id, clock.instant())
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Webhook event " + id)))
        .doOnSuccess(e -> processor.wake());
  }
}
