package io.bookpay.webhook;

import io.bookpay.payment.PaymentService;
import io.bookpay.payment.Settlement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a stored Stripe event into a payment or refund outcome. Runs inside the processor's
 * transaction, so the change, its outgoing events and the inbox row's new status commit together.
 */
@Component
class StripeEventHandler {

  /** What processing made of an event: PROCESSED (applied or stale, said in {@code note}) or IGNORED. */
  record Outcome(String status, String note) {
    static Outcome of(Settlement<?> s) {
      return new Outcome("PROCESSED", s.changed() ? "applied: " + s.note() : s.note());
    }
  }

  private final PaymentService payments;
  private final JsonMapper json;

  StripeEventHandler(PaymentService payments, JsonMapper json) {
    this.payments = payments;
    this.json = json;
  }

  Mono<Outcome> handle(InboxEvent event) {
    return Mono.defer(() -> {
      JsonNode object = json.readTree(event.payload()).path("data").path("object");
      return switch (event.type()) {
        case "payment_intent.succeeded" -> charge(event.tenantId(), object, true, null, null);
        case "payment_intent.payment_failed" -> charge(event.tenantId(), object, false,
            first(object.path("last_payment_error").path("message"), object.path("last_payment_error").path("code"), "payment_failed"),
            first(object.path("last_payment_error").path("decline_code"), object.path("last_payment_error").path("code"), null));
        case "payment_intent.canceled" -> charge(event.tenantId(), object, false,
            "canceled" + (object.path("cancellation_reason").isString() ? ": " + object.get("cancellation_reason").asString() : ""),
            "canceled");
        case "refund.updated" -> refundUpdated(event.tenantId(), object);
        case "refund.failed" -> refund(event.tenantId(), object, false);
        case "charge.refunded" -> chargeRefunded(event.tenantId(), object);
        case "charge.dispute.created" -> dispute(event.tenantId(), object, null);
        case "charge.dispute.closed" -> dispute(event.tenantId(), object, disputeOutcome(text(object.path("status"))));
        default -> Mono.just(new Outcome("IGNORED", "unhandled event type " + event.type()));
      };
    });
  }

  private Mono<Outcome> charge(UUID tenantId, JsonNode intent, boolean succeeded, String reason, String failureCode) {
    String reference = text(intent.path("id"));
    if (reference == null) {
      return Mono.just(new Outcome("IGNORED", "the event has no data.object.id"));
    }
    return payments.applyChargeOutcome(tenantId, reference, uuid(intent.path("metadata").path("bookpay_payment_id")), succeeded, reason,
            failureCode)
        .map(Outcome::of);
  }

  /** A dispute names its PaymentIntent ({@code payment_intent}); {@code outcome} is null for an opened one. */
  private Mono<Outcome> dispute(UUID tenantId, JsonNode dispute, String outcome) {
    String reference = text(dispute.path("id"));
    String intent = paymentReference(dispute);
    if (reference == null || intent == null) {
      return Mono.just(new Outcome("IGNORED", "the dispute has no id or no payment_intent"));
    }
    String currency = text(dispute.path("currency"));
    return payments.applyDispute(tenantId, reference, intent, dispute.path("amount").asLong(0),
            currency == null ? null : currency.toUpperCase(Locale.ROOT), text(dispute.path("reason")), outcome)
        .map(Outcome::of);
  }

  /** won (and an inquiry closed with a warning: the money stays) or lost. */
  private static String disputeOutcome(String status) {
    return "lost".equals(status) ? "lost" : "won";
  }

  private Mono<Outcome> refundUpdated(UUID tenantId, JsonNode refund) {
    String status = text(refund.path("status"));
    if ("succeeded".equals(status)) {
      return refund(tenantId, refund, true);
    }
    if ("failed".equals(status) || "canceled".equals(status)) {
      return refund(tenantId, refund, false);
    }
    return Mono.just(new Outcome("PROCESSED", "refund " + text(refund.path("id")) + " is " + status + "; nothing to apply yet"));
  }

  private Mono<Outcome> refund(UUID tenantId, JsonNode refund, boolean succeeded) {
    String reference = text(refund.path("id"));
    if (reference == null) {
      return Mono.just(new Outcome("IGNORED", "the refund has no id"));
    }
    String currency = text(refund.path("currency"));
    return payments.applyRefundOutcome(tenantId, reference, uuid(refund.path("metadata").path("bookpay_refund_id")),
            paymentReference(refund), refund.path("amount").asLong(0), currency == null ? null : currency.toUpperCase(Locale.ROOT),
            succeeded, first(refund.path("failure_reason"), refund.path("status"), "failed"))
        .map(Outcome::of);
  }

  /** A charge's refunds are in {@code refunds.data} (older API versions); newer ones send refund.updated instead. */
  private Mono<Outcome> chargeRefunded(UUID tenantId, JsonNode charge) {
    JsonNode list = charge.path("refunds").path("data");
    if (!list.isArray() || list.isEmpty()) {
      return Mono.just(new Outcome("IGNORED", "charge.refunded lists no refunds; refund.updated events apply them"));
    }
    List<JsonNode> refunds = new ArrayList<>();
    list.forEach(refunds::add);
    return Flux.fromIterable(refunds)
        .concatMap(r -> {
          if (!r.has("payment_intent") && charge.has("payment_intent")) {
            ((tools.jackson.databind.node.ObjectNode) r).set("payment_intent", charge.get("payment_intent"));
          }
          return refundUpdated(tenantId, r);
        })
        .map(Outcome::note)
        .collectList()
        .map(notes -> new Outcome("PROCESSED", String.join("; ", notes)));
  }

  private static String paymentReference(JsonNode refund) {
    JsonNode intent = refund.path("payment_intent");
    return intent.isObject() ? text(intent.path("id")) : text(intent);
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  private static String first(JsonNode a, JsonNode b, String fallback) {
    String s = text(a);
    if (s == null) {
      s = text(b);
    }
    return s == null ? fallback : s;
  }

  private static UUID uuid(JsonNode node) {
    String s = text(node);
    if (s == null) {
      return null;
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
