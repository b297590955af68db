package io.bookpay.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe-shaped events and signatures made by the published scheme: v1 = HMAC-SHA256(secret, "t.body"), hex. */
final class StripeEvents {

  private StripeEvents() {}

  static String signature(String payload, String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String newEventId() {
    return "evt_" + UUID.randomUUID().toString().replace("-", "");
  }

  static String intent(String eventId, String type, String intentId, long amount) {
    return """
        {"id":"%s","object":"event","type":"%s","created":1700000000,"livemode":false,
         "data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"currency":"usd",
           "last_payment_error":{"code":"card_declined","message":"Your card was declined."}}}}
        """.formatted(eventId, type, intentId, amount);
  }

  static String refund(String eventId, String type, String refundId, String intentId, long amount, String status) {
    return """
        {"id":"%s","object":"event","type":"%s","created":1700000000,"livemode":false,
         "data":{"object":{"id":"%s","object":"refund","amount":%d,"currency":"usd","payment_intent":"%s","status":"%s"}}}
        """.formatted(eventId, type, refundId, amount, intentId, status);
  }
}
