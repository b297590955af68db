package io.bookpay.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API description. */
class OpsIntegrationTest extends IntegrationTest {

  @Test
  void readinessCoversTheDatabaseAndKafka() {
    http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        http.get().uri("/actuator/health/readiness").header("Authorization", operator()).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
            .jsonPath("$.components.kafka.status").isEqualTo("UP"));
  }

  @Test
  void healthDetailsAndMetricsAreTheOperatorsOnly() {
    http.get().uri("/actuator/health").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.status").isEqualTo("UP")
        .jsonPath("$.components").doesNotExist();
    http.get().uri("/actuator/health/readiness").exchange()
        .expectBody().jsonPath("$.components").doesNotExist();
    http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    http.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + newTenant().apiKey()).exchange()
        .expectStatus().isUnauthorized();
  }

  private static String operator() {
    return "Bearer " + io.bookpay.testsupport.TestInfrastructure.get().adminToken();
  }

  @Test
  void prometheusExposesTheOutboxGauges() {
    http.get().uri("/actuator/prometheus").header("Authorization", operator()).exchange()
        .expectStatus().isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body)
            .contains("bookpay_outbox_pending{")
            .contains("bookpay_outbox_oldest_age_seconds{")
            .contains("bookpay_outbox_published_total{"));
  }

  @Test
  void theOpenApiDescriptionHasEveryEndpointWithItsProblems() {
    // springdoc builds the description in the background at startup, under a lock a request would wait for.
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get().uri("/v3/api-docs").exchange().returnResult(String.class)
        .getStatus().value() == 200);
    http.get().uri("/v3/api-docs").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.info.title").isEqualTo("Bookpay API")
        .jsonPath("$.paths['/v1/customers'].post.requestBody").exists()
        .jsonPath("$.paths['/v1/customers'].post.responses['201']").exists()
        .jsonPath("$.paths['/v1/customers'].post.responses['400'].content['application/problem+json']").exists()
        .jsonPath("$.paths['/v1/customers'].post.responses['409']").exists()
        .jsonPath("$.paths['/v1/customers'].post.responses['413']").exists()
        .jsonPath("$.paths['/v1/customers'].get.parameters[?(@.name == 'caller')]").doesNotExist()
        .jsonPath("$.paths['/v1/customers/{id}'].get.responses['404']").exists()
        .jsonPath("$.paths['/v1/admin/tenants'].post.security[0].operatorToken").exists()
        .jsonPath("$.paths['/v1/reports/events'].get").exists()
        .jsonPath("$.paths['/v1/reports/bookings'].get.tags[0]").isEqualTo("reports")
        .jsonPath("$.paths['/v1/reports/bookings'].get.responses['200'].content['text/csv'].schema.type").isEqualTo("string")
        .jsonPath("$.paths['/v1/reports/utilisation'].get.operationId").isEqualTo("utilisationReport")
        .jsonPath("$.paths['/v1/admin/projections/dead-letters'].get.security[0].operatorToken").exists()
        .jsonPath("$.paths['/v1/admin/projections/dead-letters/{id}/retry'].post.responses['404']").exists()
        .jsonPath("$.paths['/v1/api-keys'].post").exists()
        .jsonPath("$.paths['/v1/bookings'].post.responses['422']").exists()
        .jsonPath("$.paths['/v1/bookings/{id}/reschedule'].post.responses['412']").exists()
        .jsonPath("$.paths['/v1/locations/{id}'].put.responses['428']").exists()
        .jsonPath("$.paths['/v1/availability'].get.parameters[?(@.name == 'serviceId')]").exists()
        .jsonPath("$.paths['/v1/providers/{id}/working-hours'].put").exists()
        .jsonPath("$.paths['/v1/services/{id}'].delete").exists()
        .jsonPath("$.paths['/v1/public/links/{token}/bookings'].post.responses['410']").exists()
        .jsonPath("$.paths['/v1/public/links/{token}/slots'].get.responses['429']").exists()
        .jsonPath("$.paths['/v1/public/links/{token}'].get.security").doesNotExist()
        .jsonPath("$.paths['/v1/links/{id}/revoke'].post").exists()
        .jsonPath("$.paths['/v1/invoices/{id}/payments'].post.parameters[?(@.name == 'Idempotency-Key')]").exists()
        .jsonPath("$.paths['/v1/invoices/{id}/payments'].post.responses['201'].headers['Idempotent-Replayed']").exists()
        .jsonPath("$.paths['/v1/invoices/{id}/finalize'].post.parameters[?(@.name == 'exchange')]").doesNotExist()
        .jsonPath("$.paths['/v1/payments/{id}/refunds'].post.responses['422']").exists()
        .jsonPath("$.paths['/v1/bookings/{id}/invoice'].post").exists()
        .jsonPath("$.paths['/v1/gift-cards'].post").exists()
        .jsonPath("$.paths['/v1/coupons'].post").exists()
        .jsonPath("$.paths['/v1/package-purchases/{id}/redemptions'].post").exists()
        .jsonPath("$.paths['/v1/memberships/{id}/end'].post").exists()
        .jsonPath("$.paths['/v1/public/links/{token}/bookings'].post.parameters[?(@.name == 'Idempotency-Key')]").exists()
        .jsonPath("$.paths['/v1/webhooks/stripe/{tenantId}'].post.security").doesNotExist()
        .jsonPath("$.paths['/v1/webhooks/stripe/{tenantId}'].post.requestBody").exists()
        .jsonPath("$.paths['/v1/webhooks/stripe/{tenantId}'].post.parameters[?(@.name == 'Stripe-Signature')]").exists()
        .jsonPath("$.paths['/v1/webhooks/events/{id}/replay'].post").exists()
        .jsonPath("$.paths['/v1/webhooks/secrets'].post").exists()
        .jsonPath("$.paths['/v1/claims/{id}/transitions'].post.responses['412']").exists()
        .jsonPath("$.paths['/v1/claims/{id}/documents'].post.requestBody.content['multipart/form-data']").exists()
        .jsonPath("$.paths['/v1/claims/{id}/documents'].post.parameters[?(@.name == 'exchange')]").doesNotExist()
        .jsonPath("$.paths['/v1/insurance-plans/{id}'].put.responses['428']").exists()
        .jsonPath("$.paths['/v1/enrolments/{id}'].delete").exists()
        .jsonPath("$.components.schemas.Problem").exists();
    http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
  }
}
