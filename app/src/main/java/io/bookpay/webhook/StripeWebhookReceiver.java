package io.bookpay.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in a Stripe webhook delivery: refuses a body over {@code bookpay.webhooks.max-body-size}
 * (by its declared length before reading, else while reading), checks {@code Stripe-Signature}
 * over the raw body with stripe-java (constant-time compare) against the tenant's active secrets,
 * and stores the event in the inbox, waking the {@link WebhookProcessor} when it is new. A
 * repeated event changes nothing; a refusal stores nothing. Every outcome is counted in
 * {@code bookpay_webhooks_received_total{result=...}}.
 */
@Service
class StripeWebhookReceiver {

  /** A stored delivery: {@code duplicate} when the inbox had the event already, else the new inbox row's id. */
  record Receipt(boolean duplicate, UUID id) {}

  private final WebhookSecretService secrets;
  private final WebhookInbox inbox;
  private final WebhookProcessor processor;
  private final JsonMapper json;
  private final Ids ids;
  private final Clock clock;
  private final WebhookProperties properties;
  private final MeterRegistry meters;

  StripeWebhookReceiver(WebhookSecretService secrets, WebhookInbox inbox, WebhookProcessor processor, JsonMapper json, Ids ids,
      Clock clock, WebhookProperties properties, MeterRegistry meters) {
    this.secrets = secrets;
    this.inbox = inbox;
    this.processor = processor;
    this.json = json;
    this.ids = ids;
    this.clock = clock;
    this.properties = properties;
    this.meters = meters;
  }

  /**
   * @param declaredLength the body's {@code Content-Length}, or -1 when it has none (chunked)
   * @param body the raw body, subscribed to only when the declared length is within the limit
   */
  Mono<Receipt> receive(UUID tenantId, String signature, long declaredLength, Flux<DataBuffer> body) {
    long limit = properties.maxBodySize().toBytes();
    if (declaredLength > limit) {
      return Mono.error(tooLarge(limit));
    }
    return DataBufferUtils.join(body, (int) Math.min(Integer.MAX_VALUE, limit))
        .map(StripeWebhookReceiver::text)
        .defaultIfEmpty("")
        .onErrorMap(DataBufferLimitException.class, e -> tooLarge(limit))
        .flatMap(payload -> secrets.activeStripeSecrets(tenantId).flatMap(active -> {
          verify(payload, signature, active);
          return store(tenantId, payload, parse(payload));
        }));
  }

  private Mono<Receipt> store(UUID tenantId, String payload, JsonNode event) {
    Instant now = clock.instant();
    UUID id = ids.next();
    return inbox.store(id, tenantId, "stripe", event.get("id").asString(), event.get("type").asString(), payload, now)
        .map(isNew -> {
          count(isNew ? "accepted" : "duplicate");
          if (isNew) {
            processor.wake();
          }
          return new Receipt(!isNew, isNew ? id : null);
        });
  }

  /**
   * Passes when a signature in the header matches the body under one of the active secrets and its
   * timestamp is within the tolerance either way (stripe-java refuses only the old side).
   */
  private void verify(String payload, String header, List<String> active) {
    if (header == null || header.isBlank()) {
      throw refused("bad_signature", "The Stripe-Signature header is missing.");
    }
    long tolerance = properties.tolerance().toSeconds();
    Long timestamp = timestamp(header);
    boolean fresh = timestamp != null && Math.abs(clock.instant().getEpochSecond() - timestamp) <= tolerance;
    for (String secret : active) {
      if (signedWith(payload, header, secret, tolerance)) {
        if (!fresh) {
          throw stale(tolerance);
        }
        return;
      }
    }
    if (timestamp != null && !fresh) {
      throw stale(tolerance);
    }
    throw refused("bad_signature", "No signature in Stripe-Signature matches the body with an active signing secret of this endpoint.");
  }

  /** stripe-java's check, with its constant-time compare; a header it cannot parse matches nothing. */
  private boolean signedWith(String payload, String header, String secret, long tolerance) {
    try {
      return Webhook.Signature.verifyHeader(payload, header, secret, tolerance, clock);
    } catch (SignatureVerificationException e) {
      return false; // try the next active secret (rotation)
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return false; // stripe-java parses the header unchecked: "t=abc" or a bare "t" throws these, and would be a 500
    }
  }

  private ApiException stale(long tolerance) {
    return refused("stale", "The signature's timestamp is more than " + tolerance + " s away from now; the event may be replayed.");
  }

  private JsonNode parse(String payload) {
    JsonNode event;
    try {
      event = json.readTree(payload);
    } catch (RuntimeException e) {
      throw malformed("The body is not JSON.");
    }
    if (event == null || !event.isObject() || !event.path("id").isString() || !event.path("type").isString()
        || event.get("id").asString().isEmpty() || event.get("id").asString().length() > 255) {
      throw malformed("The body is not a Stripe event: it needs a string 'id' (at most 255 characters) and 'type'.");
    }
    return event;
  }

  private ApiException refused(String result, String detail) {
    count(result);
    return new ApiException(ProblemType.SIGNATURE_INVALID, detail);
  }

  private ApiException malformed(String detail) {
    count("malformed");
    return new ApiException(ProblemType.MALFORMED_REQUEST, detail);
  }

  private ApiException tooLarge(long limit) {
    count("too_large");
    return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "A webhook body may have at most " + limit + " bytes.");
  }

  private void count(String result) {
    meters.counter("bookpay.webhooks.received", "provider", "stripe", "result", result).increment();
  }

  /** The first {@code t=} item, read as stripe-java reads it (no trimming), so both judge the same timestamp; null if unreadable. */
  private static Long timestamp(String header) {
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) {
        try {
          return Long.parseLong(kv[1]);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String text(DataBuffer buffer) {
    try {
      return buffer.toString(StandardCharsets.UTF_8);
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
