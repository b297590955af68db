package io.bookpay.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A tenant's custom events have a quota per minute, counted per event, so one tenant cannot flood the shared pipeline. */
class CustomEventQuotaIntegrationTest {

  @Test
  void aTenantsEventsAreCountedAgainstItsOwnQuota() {
    TestInfrastructure infra = TestInfrastructure.get();
    String schema = infra.isolatedSchema("eventquota");
    try (AppInstance app = AppInstance.start(schema, infra.kafkaBootstrapServers(), "--bookpay.tracking.events-per-tenant-per-minute=5")) {
      WebTestClient http = app.http();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(http);
      IntegrationTest.TestTenant other = IntegrationTest.newTenant(http);
      Sql sql = Sql.of(schema);

      // An invalid batch is refused for what it is and spends nothing.
      record(http, tenant, List.of(Map.of("type", "Not Valid", "occurredAt", Instant.now().toString())))
          .expectStatus().isBadRequest();
      record(http, tenant, events(3)).expectStatus().isAccepted();
      record(http, tenant, events(3)).expectStatus().isEqualTo(429)
          .expectHeader().exists(HttpHeaders.RETRY_AFTER)
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/rate-limited");
      record(http, tenant, events(2)).expectStatus().isAccepted();
      // Another tenant's quota is its own.
      record(http, other, events(5)).expectStatus().isAccepted();

      assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'CustomEventRecorded'", tenant.id()))
          .isEqualTo(5);
      assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'CustomEventRecorded'", other.id()))
          .isEqualTo(5);
    }
  }

  private static List<Map<String, Object>> events(int n) {
    return Collections.nCopies(n, Map.of("type", "page.tick", "occurredAt", Instant.now().toString()));
  }

  private static WebTestClient.ResponseSpec record(WebTestClient http, IntegrationTest.TestTenant tenant, List<Map<String, Object>> events) {
    return http.post().uri("/v1/analytics/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("events", events)).exchange();
  }
}
