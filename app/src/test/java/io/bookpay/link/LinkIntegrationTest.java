package io.bookpay.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Express links: owners create and revoke them; clients view, search and book through them. */
class LinkIntegrationTest extends IntegrationTest {

  private TestTenant tenant;
  private CatalogFixture catalog;
  private LinkFixture links;

  @BeforeEach
  void catalog() {
    tenant = newTenant();
    catalog = new CatalogFixture(http, tenant).build(2);
    links = new LinkFixture(http, tenant.apiKey());
  }

  private static String ip() {
    return "198.51.100." + (1 + (int) (Math.random() * 250));
  }

  @Test
  void theTokenIsShownOnceAndStoredOnlyAsItsHash() {
    Map<?, ?> created = http.post().uri("/v1/links").header("Authorization", "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("serviceId", catalog.serviceId, "providerId", catalog.provider(), "maxUses", 1))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    String token = (String) created.get("token");
    assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 random bits
    assertThat((String) created.get("url")).endsWith("/b/" + token); // the booking page
    assertThat(created.get("status")).isEqualTo("ACTIVE");

    assertThat(sql.count("SELECT count(*) FROM links WHERE id = ?::uuid AND token_hash = sha256(convert_to(?, 'UTF8'))",
        created.get("id"), token)).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM links WHERE position(? in row_to_json(links)::text) > 0", token)).isZero();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE position(? in envelope::text) > 0", token)).isZero();
    http.get().uri("/v1/links/" + created.get("id")).header("Authorization", "Bearer " + tenant.apiKey()).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.token").doesNotExist().jsonPath("$.status").isEqualTo("ACTIVE");
  }

  @Test
  void aClientViewsSearchesAndBooks() {
    LinkFixture.Created link = links.create(catalog.serviceId, catalog.provider(), 2);
    links.view(link.token(), ip()).expectStatus().isOk().expectBody()
        .jsonPath("$.business").isNotEmpty()
        .jsonPath("$.service.name").isEqualTo("Consultation")
        .jsonPath("$.service.durationMinutes").isEqualTo(60)
        .jsonPath("$.service.priceAmount").isEqualTo(12_500)
        .jsonPath("$.provider.id").doesNotExist()
        .jsonPath("$.provider.name").isEqualTo("Provider 0")
        .jsonPath("$.timeZone").isEqualTo("UTC")
        .jsonPath("$.status").isEqualTo("ACTIVE")
        .jsonPath("$.remainingUses").isEqualTo(2);

    Instant ten = CatalogFixture.nextWeekAt(10, 0);
    http.get().uri("/v1/public/links/" + link.token() + "/slots?from=" + ten + "&to=" + ten.plusSeconds(3600))
        .header("X-Forwarded-For", ip()).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.slots.length()").isEqualTo(4);

    links.book(link.token(), ten.toString(), ip()).expectStatus().isCreated().expectBody()
        .jsonPath("$.status").isEqualTo("CONFIRMED").jsonPath("$.providerId").doesNotExist();
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ? AND provider_id = ?", tenant.id(), catalog.provider()))
        .isEqualTo(1);
    // The booking was made by the link, not by an API key; the prefilled customer was registered.
    assertThat(sql.rows("SELECT h.actor FROM booking_status_history h JOIN bookings b ON b.id = h.booking_id"
        + " WHERE b.tenant_id = ? AND b.created_by IS NULL", tenant.id()))
        .extracting(row -> row.get("actor")).containsExactly("link:" + link.id());
    assertThat(sql.count("SELECT uses FROM links WHERE id = ?", link.id())).isEqualTo(1);
    // A taken slot is 409 and does not use the link up.
    links.book(link.token(), ten.toString(), ip()).expectStatus().isEqualTo(409)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/slot-unavailable");
    assertThat(sql.count("SELECT uses FROM links WHERE id = ?", link.id())).isEqualTo(1);

    List<String> types = sql.rows("SELECT event_type FROM outbox WHERE aggregate_id = ? ORDER BY id", link.id())
        .stream().map(r -> (String) r.get("event_type")).toList();
    assertThat(types).startsWith("LinkCreated").contains("LinkUsed");
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND envelope->'payload'->>'bookingId' IS NOT NULL", link.id()))
        .isEqualTo(1);
  }

  @Test
  void unknownIs404AndRevokedExpiredOrUsedUpIs410() {
    links.view("A".repeat(43), ip()).expectStatus().isNotFound()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    links.view("not-even-a-token", ip()).expectStatus().isNotFound();

    LinkFixture.Created revoked = links.create(catalog.serviceId, null, null);
    links.view(revoked.token(), ip()).expectStatus().isOk();
    links.revoke(revoked.id()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REVOKED");
    links.view(revoked.token(), ip()).expectStatus().isEqualTo(410)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/gone").jsonPath("$.linkStatus").isEqualTo("REVOKED");
    links.book(revoked.token(), CatalogFixture.nextWeekAt(9, 0).toString(), ip()).expectStatus().isEqualTo(410);

    LinkFixture.Created expired = links.create(Map.of("serviceId", catalog.serviceId,
        "expiresAt", Instant.now().plusSeconds(3600).toString(), "customer", Map.of("name", "X", "phone", "+1 555 0100")));
    sql.update("UPDATE links SET expires_at = now() - interval '1 second' WHERE id = ?", expired.id());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> // the public face may be cached for a few seconds
        links.view(expired.token(), ip()).expectStatus().isEqualTo(410).expectBody().jsonPath("$.linkStatus").isEqualTo("EXPIRED"));

    LinkFixture.Created single = links.create(catalog.serviceId, null, 1);
    links.book(single.token(), CatalogFixture.nextWeekAt(9, 0).toString(), ip()).expectStatus().isCreated();
    links.view(single.token(), ip()).expectStatus().isEqualTo(410).expectBody().jsonPath("$.linkStatus").isEqualTo("EXHAUSTED");
  }

  @Test
  void beforeValidFromTheLinkCanBeViewedButNotUsed() {
    Instant opens = Instant.now().plus(Duration.ofDays(3));
    LinkFixture.Created early = links.create(Map.of("serviceId", catalog.serviceId, "validFrom", opens.toString(),
        "customer", Map.of("name", "Early", "email", "early@example.com")));
    links.view(early.token(), ip()).expectStatus().isOk().expectBody()
        .jsonPath("$.validFrom").isEqualTo(opens.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());
    Instant ten = CatalogFixture.nextWeekAt(10, 0);
    http.get().uri("/v1/public/links/" + early.token() + "/slots?from=" + ten + "&to=" + ten.plusSeconds(3600))
        .header("X-Forwarded-For", ip()).exchange().expectStatus().isEqualTo(409);
    links.book(early.token(), ten.toString(), ip()).expectStatus().isEqualTo(409);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isZero();
  }

  @Test
  void aSingleUseLinkHitByFiftyConcurrentRequestsBooksExactlyOnce() {
    LinkFixture.Created link = links.create(catalog.serviceId, null, 1);
    assertThat(raceForSlots(link.token(), 50)).containsEntry(201, 1L);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    assertThat(sql.count("SELECT uses FROM links WHERE id = ?", link.id())).isEqualTo(1);
  }

  @Test
  void aThreeUseLinkBooksExactlyThreeTimesUnderConcurrency() {
    LinkFixture.Created link = links.create(catalog.serviceId, null, 3);
    Map<Integer, Long> statuses = raceForSlots(link.token(), 30);
    assertThat(statuses).containsEntry(201, 3L);
    assertThat(statuses.keySet()).allMatch(status -> status == 201 || status == 410 || status == 409);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isEqualTo(3);
    assertThat(sql.count("SELECT uses FROM links WHERE id = ?", link.id())).isEqualTo(3);
  }

  @Test
  void clientsTypingOneNewEmailAtOnceEndOnOneCustomerRegisteredOnce() {
    // A campaign link with no one prefilled: each client types their details. Twelve requests with
    // the same new email race: the one statement that registers or finds the customer must leave
    // one customer, one CustomerRegistered, and every booking on that customer.
    LinkFixture.Created link = links.create(Map.of("serviceId", catalog.serviceId));
    String email = "same-" + UUID.randomUUID() + "@example.com";
    WebClient client = webClient(port);
    List<Integer> statuses = Flux.range(0, 12)
        .flatMap(i -> client.post().uri("/v1/public/links/" + link.token() + "/bookings")
            .header("X-Forwarded-For", "198.51.100." + (1 + i))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("start", CatalogFixture.nextWeekAt(8 + i, 0).toString(),
                "customer", Map.of("name", "Client " + i, "email", email)))
            .exchangeToMono(response -> Mono.just(response.statusCode().value())), 12)
        .collectList().block(Duration.ofSeconds(60));
    assertThat(statuses).containsOnly(201).hasSize(12);
    List<Map<String, Object>> customers = sql.rows("SELECT id FROM customers WHERE tenant_id = ? AND email = ?", tenant.id(), email);
    assertThat(customers).hasSize(1);
    Object customer = customers.get(0).get("id");
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ? AND customer_id = ?", tenant.id(), customer)).isEqualTo(12);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = 'CustomerRegistered'", customer))
        .isEqualTo(1);
    // Only the client whose request registered the customer is taken at their word.
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE customer_id = ? AND attendee_verified", customer)).isEqualTo(1);
    assertThat(sql.count("SELECT uses FROM links WHERE id = ?", link.id())).isEqualTo(12);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = 'LinkUsed'", link.id())).isEqualTo(12);
  }

  /** Many clients book different free slots through one link at once; returns statuses and counts. */
  private Map<Integer, Long> raceForSlots(String token, int clients) {
    WebClient client = webClient(port);
    List<Integer> statuses = Flux.range(0, clients)
        .flatMap(i -> client.post().uri("/v1/public/links/" + token + "/bookings")
            .header("X-Forwarded-For", "203.0.113." + (1 + i % 250))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("start", CatalogFixture.nextWeekAt(8 + i % 12, 0).plus(Duration.ofDays(i / 12)).toString()))
            .exchangeToMono(response -> Mono.just(response.statusCode().value())), clients)
        .collectList().block(Duration.ofSeconds(60));
    assertThat(statuses).noneMatch(s -> s >= 500);
    Map<Integer, Long> counts = new HashMap<>();
    statuses.forEach(s -> counts.merge(s, 1L, Long::sum));
    return counts;
  }

  @Test
  void aThousandConcurrentSlotSearchesAcrossAHundredLinksMatchAvailability() {
    CatalogFixture ten = new CatalogFixture(http, tenant).build(10);
    for (int p = 0; p < 10; p++) { // make each provider's day different
      ten.book(ten.providerIds.get(p), CatalogFixture.nextWeekAt(8 + p, 0));
    }
    List<LinkFixture.Created> created = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      created.add(links.create(ten.serviceId, ten.providerIds.get(i % 10), null));
    }
    Instant from = CatalogFixture.nextWeekAt(0, 0);
    Instant to = from.plus(Duration.ofDays(1));
    Map<UUID, Object> expected = new HashMap<>();
    for (UUID provider : ten.providerIds) {
      List<?> slots = (List<?>) ten.get("/v1/availability?serviceId=" + ten.serviceId + "&providerId=" + provider + "&from=" + from + "&to=" + to)
          .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("slots");
      // The public side shows the times only, not which provider or location they belong to.
      expected.put(provider, slots.stream().map(slot -> Map.of("start", ((Map<?, ?>) slot).get("start"), "end", ((Map<?, ?>) slot).get("end")))
          .toList());
    }
    WebClient client = webClient(port);
    List<Map.Entry<Integer, Map<?, ?>>> answers = Flux.range(0, 1000)
        .flatMap(i -> client.get().uri("/v1/public/links/" + created.get(i % 100).token() + "/slots?from=" + from + "&to=" + to)
            .header("X-Forwarded-For", "192.0.2." + (1 + i % 200))
            .exchangeToMono(r -> r.bodyToMono(Map.class).defaultIfEmpty(Map.of())
                .map(body -> Map.<Integer, Map<?, ?>>entry(r.statusCode().value(), body))), 200)
        .collectList().block(Duration.ofSeconds(120));

    assertThat(answers).hasSize(1000).allSatisfy(a -> assertThat(a.getKey()).isEqualTo(200));
    // Every answer equals the authenticated availability of its link's provider.
    List<Object> distinct = answers.stream().map(a -> (Object) a.getValue().get("slots")).distinct().toList();
    assertThat(distinct).hasSize(10).containsExactlyInAnyOrderElementsOf(expected.values());
  }

  @Test
  void aBurstOfViewsIsPublishedAsAFewLinkViewedEvents() {
    List<UUID> viewed = new ArrayList<>();
    for (int l = 0; l < 5; l++) {
      LinkFixture.Created link = links.create(catalog.serviceId, null, null);
      viewed.add(link.id());
      for (int i = 0; i < 40; i++) { // under the per-link limit of 60 a minute
        links.view(link.token(), "192.0.2." + (1 + i)).expectStatus().isOk();
      }
    }
    String sum = "SELECT coalesce(sum((envelope->'payload'->>'views')::bigint), 0) FROM outbox"
        + " WHERE tenant_id = ? AND event_type = 'LinkViewed'";
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count(sum, tenant.id()) == 200);
    for (UUID link : viewed) {
      assertThat(sql.count("SELECT coalesce(sum((envelope->'payload'->>'views')::bigint), 0) FROM outbox WHERE aggregate_id = ?"
          + " AND event_type = 'LinkViewed'", link)).isEqualTo(40);
    }
    // One row per viewed link per flush (1 s), not one per view: 200 views, a handful of rows.
    long rows = sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'LinkViewed'", tenant.id());
    assertThat(rows).isLessThanOrEqualTo(25);
  }
}
