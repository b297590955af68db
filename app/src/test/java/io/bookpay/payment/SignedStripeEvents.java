package io.bookpay.payment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Delivers Stripe-shaped events, signed as Stripe signs them, to a tenant's webhook endpoint. */
final class SignedStripeEvents {

  private final WebTestClient http;
  private final UUID tenantId;
  private final String secret;

  SignedStripeEvents(WebTestClient http, UUID tenantId, String secret) {
    this.http = http;
    this.tenantId = tenantId;
    this.secret = secret;
  }

  void intentSucceeded(String intentId, long amount) {
    deliver("""
        {"id":"%s","object":"event","type":"payment_intent.succeeded","created":1700000000,"livemode":false,
         "data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"currency":"usd","status":"succeeded"}}}
        """.formatted(eventId(), intentId, amount));
  }

  void refundUpdated(String refundId, String intentId, long amount, String status) {
    deliver("""
        {"id":"%s","object":"event","type":"refund.updated","created":1700000000,"livemode":false,
         "data":{"object":{"id":"%s","object":"refund","amount":%d,"currency":"usd","payment_intent":"%s","status":"%s"}}}
        """.formatted(eventId(), refundId, amount, intentId, status));
  }

  void intentFailed(String intentId, String declineCode, String message) {
    deliver("""
        {"id":"%s","object":"event","type":"payment_intent.payment_failed","created":1700000000,"livemode":false,
         "data":{"object":{"id":"%s","object":"payment_intent","status":"requires_payment_method",
           "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"%s","message":"%s"}}}}
        """.formatted(eventId(), intentId, declineCode, message));
  }

  /** {@code type} charge.dispute.created or charge.dispute.closed; {@code status} e.g. needs_response, won, lost. */
  void dispute(String type, String disputeId, String intentId, long amount, String status) {
    deliver("""
        {"id":"%s","object":"event","type":"%s","created":1700000000,"livemode":false,
         "data":{"object":{"id":"%s","object":"dispute","amount":%d,"currency":"usd","payment_intent":"%s","charge":"ch_1",
           "reason":"fraudulent","status":"%s"}}}
        """.formatted(eventId(), type, disputeId, amount, intentId, status));
  }

  private void deliver(String payload) {
    http.post().uri("/v1/webhooks/stripe/" + tenantId).contentType(MediaType.APPLICATION_JSON)
        .header("Stripe-Signature", signature(payload)).bodyValue(payload).exchange().expectStatus().isOk();
  }

  private static String eventId() {
    return "evt_" + UUID.randomUUID().toString().replace("-", "");
  }

  private String signature(String payload) {
    long timestamp = Instant.now().getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
