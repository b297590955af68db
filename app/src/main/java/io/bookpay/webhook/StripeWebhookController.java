package io.bookpay.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * HTTP for Stripe webhooks: hands the raw body, its declared length and {@code Stripe-Signature}
 * to the {@link StripeWebhookReceiver} and answers at once; the change itself is applied later by
 * the {@link WebhookProcessor}. A repeated event answers 200 with {@code duplicate: true}; a bad
 * signature, a stale timestamp or an oversized body is 4xx and stores nothing.
 */
@Tag(name = "webhooks")
@RestController
class StripeWebhookController {

  record Received(boolean received, boolean duplicate, UUID id) {}

  private final StripeWebhookReceiver receiver;

  StripeWebhookController(StripeWebhookReceiver receiver) {
    this.receiver = receiver;
  }

  @Operation(operationId = "receiveStripeWebhook", summary = "Receive a signed Stripe event")
  @PostMapping("/v1/webhooks/stripe/{tenantId}")
  @ResponseStatus(HttpStatus.OK)
  Mono<Received> receive(@PathVariable UUID tenantId, @RequestHeader(name = "Stripe-Signature", required = false) String signature,
      ServerWebExchange exchange) {
    return receiver.receive(tenantId, signature, exchange.getRequest().getHeaders().getContentLength(), exchange.getRequest().getBody())
        .map(receipt -> new Received(true, receipt.duplicate(), receipt.id()));
  }
}
