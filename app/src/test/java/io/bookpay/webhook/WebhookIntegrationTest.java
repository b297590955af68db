package io.bookpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** Stripe webhooks: verified, stored, deduplicated, applied exactly once whatever the order. */
class WebhookIntegrationTest extends IntegrationTest {

  private TestTenant tenant;
  private String secret;

  private void tenantWithSecret() {
    tenant = newTenant();
    secret = (String) body(post("/v1/webhooks/secrets", Map.of()).expectStatus().isCreated()).get("secret");
    assertThat(secret).startsWith("whsec_");
  }

  private WebTestClient.ResponseSpec post(String path, Object body) {
    WebTestClient.RequestBodySpec spec = http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
    return spec.expectBody(Map.class).returnResult().getResponseBody();
  }

  private Map<String, Object> get(String path) {
    return body(http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange().expectStatus().isOk());
  }

  private WebTestClient.ResponseSpec deliver(String payload, String signature) {
    WebTestClient.RequestBodySpec spec = http.post().uri("/v1/webhooks/stripe/" + tenant.id()).contentType(MediaType.APPLICATION_JSON);
    if (signature != null) {
      spec = spec.header("Stripe-Signature", signature);
    }
    return spec.bodyValue(payload).exchange();
  }

  private WebTestClient.ResponseSpec deliver(String payload) {
    return deliver(payload, StripeEvents.signature(payload, secret, Instant.now().getEpochSecond()));
  }

  /** An OPEN invoice of {@code amount} USD with one PENDING card payment of all of it; returns {invoiceId, paymentId, intentId}. */
  private String[] pendingCardPayment(long amount) {
    UUID customer = newCustomer(http, tenant, "Card payer", "card-" + UUID.randomUUID() + "@example.com");
    String invoice = (String) body(post("/v1/invoices", Map.of("customerId", customer, "currency", "USD",
        "lineItems", List.of(Map.of("kind", "SERVICE", "description", "Laser", "quantity", 1, "unitAmount", amount))))
        .expectStatus().isCreated()).get("id");
    post("/v1/invoices/" + invoice + "/finalize", null).expectStatus().isOk();
    Map<String, Object> payment = body(post("/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", amount))
        .expectStatus().isCreated());
    assertThat(payment.get("status")).isEqualTo("PENDING");
    return new String[] {invoice, (String) payment.get("id"), (String) payment.get("gatewayReference")};
  }

  private long inboxRows() {
    return sql.count("SELECT count(*) FROM webhook_inbox WHERE tenant_id = ?", tenant.id());
  }

  private String paymentStatus(String id) {
    return (String) get("/v1/payments/" + id).get("status");
  }

  @Test
  void onlyCorrectlySignedFreshEventsAreStored() {
    tenantWithSecret();
    String payload = StripeEvents.intent(StripeEvents.newEventId(), "customer.created", "cus_1", 0);
    long now = Instant.now().getEpochSecond();

    MoneyProblem.of(deliver(payload.replace("cus_1", "cus_2"), StripeEvents.signature(payload, secret, now)), 400, "signature-invalid");
    MoneyProblem.of(deliver(payload, StripeEvents.signature(payload, "whsec_not_the_secret_at_all", now)), 400, "signature-invalid");
    MoneyProblem.of(deliver(payload, StripeEvents.signature(payload, secret, now - 301)), 400, "signature-invalid");
    MoneyProblem.of(deliver(payload, null), 400, "signature-invalid");
    String big = payload.replace("\"livemode\":false", "\"livemode\":false,\"pad\":\"" + "x".repeat(300_000) + "\"");
    MoneyProblem.of(deliver(big, StripeEvents.signature(big, secret, now)), 413, "payload-too-large");
    http.post().uri("/v1/webhooks/stripe/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
        .header("Stripe-Signature", StripeEvents.signature(payload, secret, now)).bodyValue(payload).exchange()
        .expectStatus().isBadRequest();
    assertThat(inboxRows()).isZero();

    // An unknown type is stored and answered 200, then ignored.
    assertThat(body(deliver(payload).expectStatus().isOk()).get("duplicate")).isEqualTo(false);
    assertThat(inboxRows()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count(
        "SELECT count(*) FROM webhook_inbox WHERE tenant_id = ? AND status = 'IGNORED'", tenant.id()) == 1);

    // Rotation: a second secret is accepted beside the first; a header may carry a signature by each.
    String second = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    post("/v1/webhooks/secrets", Map.of("secret", second)).expectStatus().isCreated();
    MoneyProblem.of(post("/v1/webhooks/secrets", Map.of()), 409, "conflict");
    String rotated = StripeEvents.intent(StripeEvents.newEventId(), "customer.updated", "cus_1", 0);
    String both = StripeEvents.signature(rotated, second, now) + ",v1=" + StripeEvents.signature(rotated, "whsec_stale_secret_value", now).split("v1=")[1];
    deliver(rotated, both).expectStatus().isOk();
    assertThat(inboxRows()).isEqualTo(2);

    String metrics = http.get().uri("/actuator/prometheus")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + io.bookpay.testsupport.TestInfrastructure.get().adminToken()).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
        .getResponseBody();
    assertThat(metrics).containsPattern("bookpay_webhooks_received_total\\{[^}]*provider=\"stripe\",result=\"bad_signature\"} [1-9]")
        .containsPattern("bookpay_webhooks_received_total\\{[^}]*provider=\"stripe\",result=\"stale\"} [1-9]")
        .containsPattern("bookpay_webhooks_received_total\\{[^}]*provider=\"stripe\",result=\"too_large\"} [1-9]");
  }

  @Test
  void oneEventDeliveredTenTimesChangesThingsOnce() {
    tenantWithSecret();
    String[] card = pendingCardPayment(7_000);
    String payload = StripeEvents.intent(StripeEvents.newEventId(), "payment_intent.succeeded", card[2], 7_000);
    WebClient client = webClient(port);
    String signature = StripeEvents.signature(payload, secret, Instant.now().getEpochSecond());

    List<Map<?, ?>> answers = Flux.range(0, 10)
        .flatMap(i -> client.post().uri("/v1/webhooks/stripe/" + tenant.id()).contentType(MediaType.APPLICATION_JSON)
            .header("Stripe-Signature", signature).bodyValue(payload)
            .exchangeToMono(r -> r.bodyToMono(Map.class).<Map<?, ?>>map(b -> Map.of("status", r.statusCode().value(), "body", b))), 10)
        .collectList().block(Duration.ofSeconds(30));

    assertThat(answers).allSatisfy(a -> assertThat(a.get("status")).isEqualTo(200));
    assertThat(answers.stream().filter(a -> Boolean.FALSE.equals(((Map<?, ?>) a.get("body")).get("duplicate"))).count()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(paymentStatus(card[1])));
    assertThat(get("/v1/invoices/" + card[0]).get("status")).isEqualTo("PAID");
    assertThat(inboxRows()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count(
        "SELECT count(*) FROM webhook_inbox WHERE tenant_id = ? AND status = 'PROCESSED'", tenant.id()) == 1);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'PaymentSucceeded'", card[0])).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'InvoicePaid'", card[0])).isEqualTo(1);
  }

  /** Every order of a failed attempt, a success and a refund made at Stripe ends in the state the natural order gives. */
  @Test
  void aPaymentsEventsInAnyOrderEndInTheSameState() {
    tenantWithSecret();
    List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0), List.of(2, 0, 1),
        List.of(2, 1, 0));
    List<String> finals = new ArrayList<>();
    for (List<Integer> order : orders) {
      String[] card = pendingCardPayment(10_000);
      String refundId = "re_" + UUID.randomUUID().toString().replace("-", "");
      String failedEvent = StripeEvents.newEventId();
      List<String> events = List.of(
          StripeEvents.intent(failedEvent, "payment_intent.payment_failed", card[2], 10_000),
          StripeEvents.intent(StripeEvents.newEventId(), "payment_intent.succeeded", card[2], 10_000),
          StripeEvents.refund(StripeEvents.newEventId(), "refund.updated", refundId, card[2], 2_500, "succeeded"));
      for (int i : order) {
        deliver(events.get(i)).expectStatus().isOk();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> sql.count(
          "SELECT count(*) FROM refunds WHERE payment_id = ?::uuid AND status = 'SUCCEEDED'", card[1]) == 1);
      Map<String, Object> invoice = get("/v1/invoices/" + card[0]);
      Map<String, Object> payment = get("/v1/payments/" + card[1]);
      String state = payment.get("status") + " refunded=" + payment.get("amountRefunded") + " invoice=" + invoice.get("status")
          + "/" + invoice.get("refundStatus") + " paid=" + invoice.get("amountPaid") + " pending=" + invoice.get("amountPending")
          + " refundedOnInvoice=" + invoice.get("amountRefunded");
      finals.add(state);
      assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'PaymentSucceeded'", card[0]))
          .as("order %s", order).isEqualTo(1);
      assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'RefundSucceeded'", card[0]))
          .as("order %s", order).isEqualTo(1);
      // Events are applied concurrently, so their application order may differ from their delivery order. A failure
      // applied before the success is a real change (PaymentFailed); one applied after it is stale: recorded, not applied.
      await().atMost(Duration.ofSeconds(10)).until(() -> sql.count(
          "SELECT count(*) FROM webhook_inbox WHERE event_id = ? AND status = 'PROCESSED'", failedEvent) == 1);
      String outcome = (String) sql.rows("SELECT outcome FROM webhook_inbox WHERE event_id = ?", failedEvent).get(0).get("outcome");
      long failedEvents = sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'PaymentFailed'", card[0]);
      assertThat(failedEvents).as("order %s, outcome %s", order, outcome).isEqualTo(outcome.startsWith("applied") ? 1 : 0);
      assertThat(outcome).as("order %s", order).matches("applied: payment .* FAILED|stale: payment .* is already SUCCEEDED.*");
    }
    assertThat(finals).as("final states by order %s", orders).containsOnly(finals.get(0));
    assertThat(finals.get(0)).isEqualTo("SUCCEEDED refunded=2500 invoice=PAID/PARTIALLY_REFUNDED paid=10000 pending=0 refundedOnInvoice=2500");
    assertThat(sql.rows("SELECT outcome FROM webhook_inbox WHERE tenant_id = ? AND outcome LIKE 'stale:%'", tenant.id())).isNotEmpty();
  }

  @Test
  void anEventForAPaymentNotYetKnownIsAppliedOnceItIsKnown() {
    tenantWithSecret();
    String[] card = pendingCardPayment(4_000);
    // The processor's answer arrives before Bookpay stored the processor's reference for the payment.
    String reference = card[2];
    sql.update("UPDATE payments SET gateway_reference = NULL WHERE id = ?::uuid", card[1]);
    deliver(StripeEvents.intent(StripeEvents.newEventId(), "payment_intent.succeeded", reference, 4_000)).expectStatus().isOk();
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count(
        "SELECT count(*) FROM webhook_inbox WHERE tenant_id = ? AND attempts >= 2 AND status = 'PENDING'", tenant.id()) == 1);
    assertThat(paymentStatus(card[1])).isEqualTo("PENDING");
    assertThat(sql.rows("SELECT last_error FROM webhook_inbox WHERE tenant_id = ?", tenant.id()).get(0).get("last_error").toString())
        .contains("No payment has the reference " + reference);

    sql.update("UPDATE payments SET gateway_reference = ? WHERE id = ?::uuid", reference, card[1]);
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(paymentStatus(card[1])));
    assertThat(get("/v1/invoices/" + card[0]).get("status")).isEqualTo("PAID");
    List<?> processed = (List<?>) get("/v1/webhooks/events?status=PROCESSED").get("items");
    assertThat(processed).hasSize(1);
  }

  @Test
  void anEventThatKeepsFailingIsParkedAndCanBeReplayed() {
    tenantWithSecret();
    String[] card = pendingCardPayment(3_000);
    String stranger = "pi_" + UUID.randomUUID().toString().replace("-", "");
    deliver(StripeEvents.intent(StripeEvents.newEventId(), "payment_intent.succeeded", stranger, 3_000)).expectStatus().isOk();
    sql.update("UPDATE webhook_inbox SET attempts = 19 WHERE tenant_id = ?", tenant.id());
    @SuppressWarnings("unchecked")
    Map<String, Object> failed = await().atMost(Duration.ofSeconds(10)).until(() -> {
      List<?> items = (List<?>) get("/v1/webhooks/events?status=FAILED").get("items");
      return items.isEmpty() ? null : (Map<String, Object>) items.get(0);
    }, java.util.Objects::nonNull);
    assertThat(failed.get("lastError").toString()).contains(stranger);

    sql.update("UPDATE payments SET gateway_reference = ? WHERE id = ?::uuid", stranger, card[1]);
    Map<String, Object> replayed = body(post("/v1/webhooks/events/" + failed.get("id") + "/replay", null).expectStatus().isAccepted());
    assertThat(replayed.get("status")).isEqualTo("PENDING");
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(paymentStatus(card[1])));
    assertThat(get("/v1/webhooks/events/" + failed.get("id")).get("status")).isEqualTo("PROCESSED");
  }

  @Test
  void cardRefundsSettleFromRefundFailedAndChargeRefunded() {
    tenantWithSecret();
    String[] card = pendingCardPayment(6_000);
    deliver(StripeEvents.intent(StripeEvents.newEventId(), "payment_intent.succeeded", card[2], 6_000)).expectStatus().isOk();
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(paymentStatus(card[1])));

    Map<String, Object> first = body(post("/v1/payments/" + card[1] + "/refunds", Map.of("amount", 5_000)).expectStatus().isCreated());
    assertThat(first.get("status")).isEqualTo("PENDING");
    String firstRef = (String) get("/v1/refunds/" + first.get("id")).get("gatewayReference");
    // While 5,000 are pending, only 1,000 is left to refund.
    MoneyProblem.of(post("/v1/payments/" + card[1] + "/refunds", Map.of("amount", 1_001)), 422, "unprocessable");
    deliver(StripeEvents.refund(StripeEvents.newEventId(), "refund.failed", firstRef, card[2], 5_000, "failed")).expectStatus().isOk();
    await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(get("/v1/refunds/" + first.get("id")).get("status")));
    assertThat(((Number) get("/v1/payments/" + card[1]).get("amountRefundPending")).longValue()).isZero();

    Map<String, Object> second = body(post("/v1/payments/" + card[1] + "/refunds", Map.of("amount", 6_000)).expectStatus().isCreated());
    String secondRef = (String) get("/v1/refunds/" + second.get("id")).get("gatewayReference");
    String charge = """
        {"id":"%s","object":"event","type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge","payment_intent":"%s",
         "amount_refunded":6000,"refunds":{"object":"list","data":[{"id":"%s","object":"refund","amount":6000,"currency":"usd","status":"succeeded"}]}}}}
        """.formatted(StripeEvents.newEventId(), card[2], secondRef);
    deliver(charge).expectStatus().isOk();
    await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCEEDED".equals(get("/v1/refunds/" + second.get("id")).get("status")));
    Map<String, Object> invoice = get("/v1/invoices/" + card[0]);
    assertThat(invoice.get("refundStatus")).isEqualTo("REFUNDED");
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'RefundFailed'", card[0])).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'RefundSucceeded'", card[0])).isEqualTo(1);
  }

  /** problem+json assertions, shared by the tests here. */
  static final class MoneyProblem {
    static void of(WebTestClient.ResponseSpec spec, int status, String type) {
      spec.expectStatus().isEqualTo(status).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/" + type);
    }
  }
}
