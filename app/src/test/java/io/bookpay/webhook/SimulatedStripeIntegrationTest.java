package io.bookpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.payment.PaymentGateway;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The simulated gateway settles card payments and refunds through signed webhooks, as Stripe would. */
class SimulatedStripeIntegrationTest {

  @Test
  @SuppressWarnings("unchecked")
  void aCardPaymentAndACardRefundSettleThroughSignedWebhooks() {
    TestInfrastructure infra = TestInfrastructure.get();
    try (AppInstance app = AppInstance.start(infra.isolatedSchema("simulator"), infra.kafkaBootstrapServers(),
        "--bookpay.webhooks.secret-key=" + infra.webhookSecretKey(), "--bookpay.webhooks.simulator.deliver=true",
        "--bookpay.webhooks.simulator.delay=100ms", "--bookpay.webhooks.poll-interval=200ms")) {
      WebTestClient http = app.http();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(http);
      UUID customer = IntegrationTest.newCustomer(http, tenant, "Card payer", "card-" + UUID.randomUUID() + "@example.com");
      call(http, tenant, "/v1/webhooks/secrets", Map.of()).expectStatus().isCreated();
      String invoice = (String) body(call(http, tenant, "/v1/invoices", Map.of("customerId", customer, "currency", "USD",
          "lineItems", List.of(Map.of("kind", "SERVICE", "description", "Laser", "quantity", 1, "unitAmount", 9_000))))).get("id");
      call(http, tenant, "/v1/invoices/" + invoice + "/finalize", null).expectStatus().isOk();

      Map<String, Object> payment = body(call(http, tenant, "/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 9_000)));
      assertThat(payment.get("status")).isEqualTo("PENDING");
      await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(get(http, tenant, "/v1/payments/" + payment.get("id")).get("status")));
      assertThat(get(http, tenant, "/v1/invoices/" + invoice).get("status")).isEqualTo("PAID");

      Map<String, Object> refund = body(call(http, tenant, "/v1/payments/" + payment.get("id") + "/refunds", Map.of("amount", 4_000)));
      assertThat(refund.get("status")).isEqualTo("PENDING");
      await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(get(http, tenant, "/v1/refunds/" + refund.get("id")).get("status")));
      Map<String, Object> settled = get(http, tenant, "/v1/invoices/" + invoice);
      assertThat(settled.get("refundStatus")).isEqualTo("PARTIALLY_REFUNDED");
      assertThat(((Number) settled.get("amountRefunded")).longValue()).isEqualTo(4_000);

      List<Map<String, Object>> events = (List<Map<String, Object>>) get(http, tenant, "/v1/webhooks/events?status=PROCESSED").get("items");
      assertThat(events).extracting(e -> e.get("type")).containsExactlyInAnyOrder("payment_intent.succeeded", "refund.updated");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void withoutAGatewaySettingCardPaymentsAreRefusedAndNothingSettlesThem() {
    TestInfrastructure infra = TestInfrastructure.get();
    try (AppInstance app = AppInstance.start(infra.isolatedSchema("nogateway"), infra.kafkaBootstrapServers(),
        "--bookpay.webhooks.secret-key=" + infra.webhookSecretKey(), "--bookpay.payments.gateway=none")) {
      assertThat(app.bean(PaymentGateway.class).configured()).isFalse();
      WebTestClient http = app.http();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(http);
      UUID customer = IntegrationTest.newCustomer(http, tenant, "Card payer", "card-" + UUID.randomUUID() + "@example.com");
      call(http, tenant, "/v1/webhooks/secrets", Map.of()).expectStatus().isCreated();
      String invoice = (String) body(call(http, tenant, "/v1/invoices", Map.of("customerId", customer, "currency", "USD",
          "lineItems", List.of(Map.of("kind", "SERVICE", "description", "Laser", "quantity", 1, "unitAmount", 9_000))))).get("id");
      call(http, tenant, "/v1/invoices/" + invoice + "/finalize", null).expectStatus().isOk();

      Map<String, Object> problem = call(http, tenant, "/v1/invoices/" + invoice + "/payments", Map.of("method", "CARD", "amount", 9_000))
          .expectStatus().isEqualTo(422).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody(Map.class).returnResult().getResponseBody();
      assertThat(problem.get("code")).isEqualTo("card-payments-not-configured");
      assertThat((String) problem.get("detail")).contains("bookpay.payments.gateway");
      Map<String, Object> unchanged = get(http, tenant, "/v1/invoices/" + invoice);
      assertThat(((Number) unchanged.get("amountPending")).longValue()).isZero();
      assertThat((List<Object>) get(http, tenant, "/v1/invoices/" + invoice + "/payments").get("items")).isEmpty();
      call(http, tenant, "/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", 9_000)).expectStatus().isCreated();
      assertThat(get(http, tenant, "/v1/invoices/" + invoice).get("status")).isEqualTo("PAID");
    }
  }

  private static WebTestClient.ResponseSpec call(WebTestClient http, IntegrationTest.TestTenant tenant, String path, Object body) {
    WebTestClient.RequestBodySpec spec = http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(WebTestClient.ResponseSpec spec) {
    return spec.expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
  }

  private static Map<String, Object> get(WebTestClient http, IntegrationTest.TestTenant tenant, String path) {
    return body(http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange());
  }
}
