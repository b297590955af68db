package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An instance as production runs it: Actuator on a management port of its own (where the same
 * rules hold: details and metrics for the operator token only), and small webhook limits so they show.
 */
class ManagementPortIntegrationTest {

  @Test
  void healthDetailsAndMetricsLiveOnTheManagementPortAndWebhooksAreRateLimited() {
    TestInfrastructure infra = TestInfrastructure.get();
    try (AppInstance app = AppInstance.start(infra.isolatedSchema("management"), infra.kafkaBootstrapServers(),
        "--management.server.port=0",
        "--bookpay.webhooks.rate-limits.per-tenant-capacity=3", "--bookpay.webhooks.rate-limits.per-tenant-period=1h")) {
      WebTestClient http = app.http();
      int managementPort = Integer.parseInt(app.bean(Environment.class).getRequiredProperty("local.management.port"));
      WebTestClient management = IntegrationTest.client(managementPort);
      assertThat(managementPort).isNotEqualTo(app.port());

      String operator = "Bearer " + infra.adminToken();
      management.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, operator).exchange()
          .expectStatus().isOk()
          .expectBody(String.class).value(body -> assertThat(body).contains("bookpay_outbox_pending"));
      management.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
      management.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, operator).exchange()
          .expectStatus().isOk()
          .expectBody().jsonPath("$.components.r2dbc.status").isEqualTo("UP");
      management.get().uri("/actuator/health").exchange()
          .expectStatus().isOk()
          .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
      // The public port has no Actuator any more.
      http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, operator).exchange().expectStatus().isNotFound();
      http.get().uri("/actuator/health").exchange().expectStatus().isNotFound();

      UUID tenant = UUID.randomUUID();
      for (int i = 0; i < 3; i++) {
        webhook(http, tenant).expectStatus().isBadRequest();
      }
      webhook(http, tenant).expectStatus().isEqualTo(429)
          .expectHeader().exists(HttpHeaders.RETRY_AFTER)
          .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/rate-limited");
      // Another endpoint has its own budget.
      webhook(http, UUID.randomUUID()).expectStatus().isBadRequest();
    }
  }

  private static WebTestClient.ResponseSpec webhook(WebTestClient http, UUID tenant) {
    return http.post().uri("/v1/webhooks/stripe/{tenantId}", tenant)
        .header("Stripe-Signature", "t=1,v1=00")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"id\":\"evt_1\",\"type\":\"customer.updated\"}")
        .exchange();
  }
}
