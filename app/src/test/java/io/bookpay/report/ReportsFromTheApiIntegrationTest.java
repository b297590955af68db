package io.bookpay.report;

import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * From the write side to the reports: the tenant's zone set with PATCH /v1/tenant, bookings made
 * and cancelled through the API, and a link opened and searched on its public side reach the
 * bookings and funnel reports through the outbox, Kafka and the analytics consumer.
 */
class ReportsFromTheApiIntegrationTest extends IntegrationTest {

  @Test
  void bookingsAndLinkViewsMadeThroughTheApiShowInTheReports() {
    TestTenant tenant = newTenant();
    ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati"); // UTC+14: its day is rarely the UTC day
    http.patch().uri("/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.valueOf("application/merge-patch+json")).bodyValue(Map.of("timeZone", kiritimati.getId()))
        .exchange().expectStatus().isOk();
    LocalDate today = LocalDate.now(kiritimati);
    String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/bookings?" + range).expectBody()
        .jsonPath("$.timeZone").isEqualTo(kiritimati.getId()));

    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    UUID booking = catalog.book(catalog.provider(), CatalogFixture.nextWeekAt(10, 0));
    LocalDate bookedOn = LocalDate.now(kiritimati);
    http.post().uri("/v1/bookings/" + booking + "/cancel").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "changed plans")).exchange().expectStatus().isOk();
    Map<?, ?> link = http.post().uri("/v1/links").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("serviceId", catalog.serviceId, "customer", Map.of("name", "Texted", "email", "t-" + UUID.randomUUID() + "@example.com")))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    for (int i = 0; i < 3; i++) {
      http.get().uri("/v1/public/links/" + link.get("token")).header("X-Forwarded-For", "198.18.7." + (i + 1)).exchange().expectStatus().isOk();
    }
    Instant from = CatalogFixture.nextWeekAt(0, 0);
    http.get().uri("/v1/public/links/" + link.get("token") + "/slots?from=" + from + "&to=" + from.plus(Duration.ofDays(1)))
        .header("X-Forwarded-For", "198.18.7.9").exchange().expectStatus().isOk();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/bookings?" + range).expectBody()
        .jsonPath("$.periods[?(@.period == '" + bookedOn + "')].created").isEqualTo(1)
        .jsonPath("$.totals.created").isEqualTo(1)
        .jsonPath("$.totals.confirmed").isEqualTo(1)
        .jsonPath("$.totals.cancelled").isEqualTo(1)
        .jsonPath("$.totals.cancellationRate").isEqualTo(1.0));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/funnel?" + range).expectBody()
        .jsonPath("$.totals.views").isEqualTo(3)
        .jsonPath("$.totals.slotSearches").isEqualTo(1)
        .jsonPath("$.links[0].linkId").isEqualTo(link.get("id")));
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec report(TestTenant tenant, String uri) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .exchange().expectStatus().isOk();
  }
}
