package io.bookpay.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The public booking path reads the catalog from memory (CatalogCache): a change the owner makes
 * is seen by the very next search and booking, without waiting for the cache to expire.
 */
class CatalogCacheIntegrationTest extends IntegrationTest {

  private TestTenant tenant;
  private CatalogFixture catalog;
  private LinkFixture links;

  @BeforeEach
  void catalog() {
    tenant = newTenant();
    catalog = new CatalogFixture(http, tenant).build(1);
    links = new LinkFixture(http, tenant.apiKey());
  }

  private int slots(String token, Instant from, Instant to) {
    Map<?, ?> body = http.get().uri("/v1/public/links/" + token + "/slots?from=" + from + "&to=" + to)
        .header("X-Forwarded-For", "198.51.100.7").exchange()
        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    return ((List<?>) body.get("slots")).size();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec owner(String method, String path, Object body) {
    var request = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  @Test
  void timeOffHoursAndTheServiceChangeTheNextSearchAndBooking() {
    LinkFixture.Created link = links.create(catalog.serviceId, catalog.provider(), null);
    Instant ten = CatalogFixture.nextWeekAt(10, 0);
    Instant eleven = ten.plusSeconds(3600);
    assertThat(slots(link.token(), ten, eleven)).isEqualTo(4); // 10:00, 10:15, 10:30, 10:45; now cached

    Map<?, ?> timeOff = owner("POST", "/v1/providers/" + catalog.provider() + "/time-off",
        Map.of("start", ten.toString(), "end", eleven.plusSeconds(3600).toString(), "reason", "training"))
        .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    assertThat(slots(link.token(), ten, eleven)).isZero();
    links.book(link.token(), ten.toString(), "198.51.100.8").expectStatus().isEqualTo(422);

    owner("DELETE", "/v1/providers/" + catalog.provider() + "/time-off/" + timeOff.get("id"), null).expectStatus().isNoContent();
    assertThat(slots(link.token(), ten, eleven)).isEqualTo(4);

    // Hours from noon only: the morning is gone at once.
    List<Map<String, Object>> afternoons = new java.util.ArrayList<>();
    for (int day = 1; day <= 7; day++) {
      afternoons.add(Map.of("locationId", catalog.locationId, "weekday", day, "start", "12:00", "end", "20:00"));
    }
    owner("PUT", "/v1/providers/" + catalog.provider() + "/working-hours", Map.of("hours", afternoons)).expectStatus().isOk();
    assertThat(slots(link.token(), ten, eleven)).isZero();
    links.book(link.token(), ten.toString(), "198.51.100.9").expectStatus().isEqualTo(422);
    Instant two = CatalogFixture.nextWeekAt(14, 0);
    assertThat(slots(link.token(), two, two.plusSeconds(3600))).isEqualTo(4);

    // A deactivated service offers nothing and books nothing.
    owner("POST", "/v1/services/" + catalog.serviceId + "/deactivate", null).expectStatus().isOk();
    assertThat(slots(link.token(), two, two.plusSeconds(3600))).isZero();
    links.book(link.token(), two.toString(), "198.51.100.10").expectStatus().is4xxClientError();
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isZero();
  }
}
