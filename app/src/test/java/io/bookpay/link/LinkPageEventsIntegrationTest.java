package io.bookpay.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a link's page tells analytics: slot searches counted in batches like views, and custom
 * events posted by the page (their rate limit: {@link RateLimitIntegrationTest}).
 */
class LinkPageEventsIntegrationTest extends IntegrationTest {

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  @Test
  void slotSearchesArePublishedInBatchesWithTheirCount() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    LinkFixture links = new LinkFixture(http, tenant.apiKey());
    LinkFixture.Created link = links.create(catalog.serviceId, null, null);
    Instant from = CatalogFixture.nextWeekAt(0, 0);
    for (int i = 0; i < 12; i++) {
      http.get().uri("/v1/public/links/" + link.token() + "/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)))
          .header("X-Forwarded-For", client()).exchange().expectStatus().isOk();
    }
    links.view(link.token(), client()).expectStatus().isOk();

    String searches = "SELECT coalesce(sum((envelope->'payload'->>'searches')::bigint), 0) FROM outbox"
        + " WHERE aggregate_id = ? AND event_type = 'LinkSlotsSearched'";
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count(searches, link.id()) == 12);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = 'LinkSlotsSearched'", link.id()))
        .isLessThanOrEqualTo(6);
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count("SELECT coalesce(sum((envelope->'payload'->>'views')::bigint), 0)"
        + " FROM outbox WHERE aggregate_id = ? AND event_type = 'LinkViewed'", link.id()) == 1);
    // Each batch is kept by analytics with the link's id.
    await().atMost(Duration.ofSeconds(30)).until(() -> sql.count("SELECT coalesce(sum((data->>'searches')::bigint), 0) FROM analytics_events"
        + " WHERE tenant_id = ? AND link_id = ? AND event_type = 'LinkSlotsSearched'", tenant.id(), link.id()) == 12);
  }

  @Test
  void thePageRecordsEventsForItsLinkAndItsCustomer() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    UUID customer = newCustomer(http, tenant, "Named", "named-" + UUID.randomUUID() + "@example.com");
    LinkFixture links = new LinkFixture(http, tenant.apiKey());
    LinkFixture.Created link = links.create(Map.of("serviceId", catalog.serviceId, "customer", Map.of("customerId", customer)));
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    events(link.token(), client(), List.of(Map.of("type", "slot.picked", "occurredAt", at.toString(), "sessionId", "page-1",
        "data", Map.of("slot", "10:00", "email", "typed@example.com")))).expectStatus().isAccepted()
        .expectBody().jsonPath("$.accepted").isEqualTo(1);

    Map<String, Object> row = await().atMost(Duration.ofSeconds(30)).until(
        () -> sql.rows("SELECT link_id, customer_id, session_id, data::text AS data FROM analytics_events"
            + " WHERE tenant_id = ? AND event_type = 'slot.picked'", tenant.id()),
        rows -> rows.size() == 1).get(0);
    assertThat(row).containsEntry("link_id", link.id()).containsEntry("customer_id", customer).containsEntry("session_id", "page-1");
    assertThat((String) row.get("data")).contains("10:00").doesNotContain("typed@example.com");

    // All or nothing, as in the API; a page cannot name a customer; 50 at most.
    long outbox = sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'bookpay.analytics'", tenant.id());
    events(link.token(), client(), List.of(Map.of("type", "ok", "occurredAt", at.toString()), Map.of("type", "Bad", "occurredAt", at.toString())))
        .expectStatus().isBadRequest().expectBody().jsonPath("$.invalidItems").isEqualTo(List.of(1));
    events(link.token(), client(), java.util.Collections.nCopies(51, Map.of("type", "many", "occurredAt", at.toString())))
        .expectStatus().isBadRequest();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'bookpay.analytics'", tenant.id())).isEqualTo(outbox);
    // An unknown or revoked link records nothing.
    events("unknownTokenUnknownTokenUnknownTokenUnknown", client(), List.of(Map.of("type", "x", "occurredAt", at.toString())))
        .expectStatus().isNotFound();
    links.revoke(link.id()).expectStatus().isOk();
    events(link.token(), client(), List.of(Map.of("type", "x", "occurredAt", at.toString()))).expectStatus().isEqualTo(410);
  }

  private WebTestClient.ResponseSpec events(String token, String clientIp, List<?> events) {
    return http.post().uri("/v1/public/links/" + token + "/events").header("X-Forwarded-For", clientIp)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("events", events)).exchange();
  }

  /** A client address of this test's own (100.64.0.0/10, shared address space), so other tests' budgets stay untouched. */
  private static String client() {
    int n = CLIENTS.incrementAndGet();
    return "100.64." + (n / 250) + "." + (n % 250 + 1);
  }
}
