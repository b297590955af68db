package io.bookpay.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits on an instance of their own with small buckets and no trusted proxy, so the test's
 * loopback address is one client whatever X-Forwarded-For claims.
 */
class RateLimitIntegrationTest {

  @Test
  void limitsAnswer429WithRetryAfterThenRecoverAndIgnoreUntrustedForwardedFor() {
    TestInfrastructure infra = TestInfrastructure.get();
    try (AppInstance app = AppInstance.start(infra.isolatedSchema("ratelimit"), infra.kafkaBootstrapServers(),
        "--bookpay.links.trusted-proxies=",
        "--bookpay.links.rate-limits.per-ip.capacity=5", "--bookpay.links.rate-limits.per-ip.period=3s",
        "--bookpay.links.rate-limits.unknown-token-per-ip.capacity=2", "--bookpay.links.rate-limits.unknown-token-per-ip.period=3s")) {
      WebTestClient http = app.http();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(http);
      CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
      LinkFixture links = new LinkFixture(http, tenant.apiKey());
      LinkFixture.Created link = links.create(catalog.serviceId, null, null);

      // Five requests fit the bucket, each claiming another client; the claims are ignored.
      for (int i = 0; i < 5; i++) {
        links.view(link.token(), "198.51.100." + (i + 1)).expectStatus().isOk();
      }
      links.view(link.token(), "198.51.100.99").expectStatus().isEqualTo(429)
          .expectHeader().exists("Retry-After")
          .expectHeader().contentType("application/problem+json")
          .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/rate-limited");
      String retryAfter = http.get().uri("/v1/public/links/" + link.token()).exchange()
          .expectStatus().isEqualTo(429).returnResult(String.class).getResponseHeaders().getFirst("Retry-After");
      assertThat(Long.parseLong(retryAfter)).isBetween(1L, 3L);

      // The bucket refills: service again after the window.
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
          links.view(link.token(), "198.51.100.1").expectStatus().isOk());
    }
  }

  @Test
  void unknownTokensAreLimitedFarHarder() {
    TestInfrastructure infra = TestInfrastructure.get();
    try (AppInstance app = AppInstance.start(infra.isolatedSchema("enumeration"), infra.kafkaBootstrapServers(),
        "--bookpay.links.trusted-proxies=",
        "--bookpay.links.rate-limits.unknown-token-per-ip.capacity=3", "--bookpay.links.rate-limits.unknown-token-per-ip.period=1h")) {
      WebTestClient http = app.http();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(http);
      CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
      LinkFixture links = new LinkFixture(http, tenant.apiKey());
      LinkFixture.Created link = links.create(catalog.serviceId, null, null);

      for (int i = 0; i < 3; i++) {
        links.view(("guess" + i).repeat(10).substring(0, 43), "10.0.0.1").expectStatus().isNotFound();
      }
      links.view("guess9".repeat(10).substring(0, 43), "10.0.0.1").expectStatus().isEqualTo(429);
      // The guesser is now refused even for a real link, until its window passes.
      links.view(link.token(), "10.0.0.1").expectStatus().isEqualTo(429);
    }
  }

  @Test
  void aPagesEventsHaveABudgetOfTheirOwnThatLeavesTheLinkAlone() {
    TestInfrastructure infra = TestInfrastructure.get();
    try (AppInstance app = AppInstance.start(infra.isolatedSchema("pageevents"), infra.kafkaBootstrapServers(),
        "--bookpay.links.rate-limits.events-per-token.capacity=3", "--bookpay.links.rate-limits.events-per-token.period=1h",
        "--bookpay.links.rate-limits.per-token.capacity=5", "--bookpay.links.rate-limits.per-token.period=1h",
        "--bookpay.links.rate-limits.unknown-token-per-ip.capacity=2", "--bookpay.links.rate-limits.unknown-token-per-ip.period=1h")) {
      WebTestClient http = app.http();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(http);
      CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
      LinkFixture links = new LinkFixture(http, tenant.apiKey());
      LinkFixture.Created link = links.create(catalog.serviceId, null, null);
      Map<String, Object> body = Map.of("events", List.of(Map.of("type", "tick", "occurredAt", java.time.Instant.now().toString())));

      for (int i = 0; i < 3; i++) {
        events(http, link.token(), body).expectStatus().isAccepted();
      }
      events(http, link.token(), body).expectStatus().isEqualTo(429)
          .expectHeader().exists("Retry-After")
          .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/rate-limited");
      // The link's own budget is untouched: its page still answers.
      links.view(link.token(), "198.51.100.7").expectStatus().isOk();

      // The budget counts events, not requests: two events spend two of a link's three.
      LinkFixture.Created third = links.create(catalog.serviceId, null, null);
      Map<String, Object> tick = Map.of("type", "tick", "occurredAt", java.time.Instant.now().toString());
      Map<String, Object> two = Map.of("events", List.of(tick, tick));
      events(http, third.token(), two).expectStatus().isAccepted();
      events(http, third.token(), two).expectStatus().isEqualTo(429);
      events(http, third.token(), body).expectStatus().isAccepted();

      // A client that used up its unknown-token budget is refused here too.
      for (int i = 0; i < 2; i++) {
        links.view(("guess" + i).repeat(10).substring(0, 43), "198.51.100.7").expectStatus().isNotFound();
      }
      LinkFixture.Created other = links.create(catalog.serviceId, null, null);
      events(http, other.token(), body).expectStatus().isEqualTo(429);
    }
  }

  private static WebTestClient.ResponseSpec events(WebTestClient http, String token, Object body) {
    return http.post().uri("/v1/public/links/" + token + "/events").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }
}
