package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Catalog resources: create, read, list, update with If-Match, deactivate, delete; tenant isolation. */
class CatalogIntegrationTest extends IntegrationTest {

  @Test
  void updatesNeedTheCurrentETag() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant);
    UUID location = catalog.create("/v1/locations", Map.of("name", "Harbour", "timeZone", "Europe/Berlin", "address", "Kai 1"));
    catalog.get("/v1/locations/" + location).expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
        .expectBody().jsonPath("$.timeZone").isEqualTo("Europe/Berlin").jsonPath("$.active").isEqualTo(true);

    Map<String, Object> renamed = Map.of("name", "Harbour East", "timeZone", "Europe/Berlin");
    put(tenant, "/v1/locations/" + location, null, renamed).expectStatus().isEqualTo(428)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/precondition-required");
    put(tenant, "/v1/locations/" + location, "\"0\"", renamed).expectStatus().isOk()
        .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"").expectBody().jsonPath("$.name").isEqualTo("Harbour East");
    put(tenant, "/v1/locations/" + location, "\"0\"", Map.of("name", "Lost update", "timeZone", "UTC"))
        .expectStatus().isEqualTo(412)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/precondition-failed").jsonPath("$.currentETag").isEqualTo("\"1\"");
    assertThat(sql.rows("SELECT name FROM locations WHERE id = ?", location).get(0)).containsEntry("name", "Harbour East");

    catalog.post("/v1/locations/" + location + "/deactivate", Map.of()).expectStatus().isOk()
        .expectBody().jsonPath("$.active").isEqualTo(false);
    // Every write records the acting key.
    assertThat(sql.count("SELECT count(*) FROM locations l JOIN api_keys k ON k.id = l.updated_by WHERE l.id = ? AND k.tenant_id = ?",
        location, tenant.id())).isEqualTo(1);
  }

  @Test
  void servicesAndProvidersRoundTrip() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    catalog.get("/v1/services/" + catalog.serviceId).expectStatus().isOk().expectBody()
        .jsonPath("$.durationMinutes").isEqualTo(60).jsonPath("$.priceAmount").isEqualTo(12_500)
        .jsonPath("$.currency").isEqualTo("EUR").jsonPath("$.slotIntervalMinutes").isEqualTo(15)
        .jsonPath("$.bufferBeforeMinutes").isEqualTo(0).jsonPath("$.maxAdvanceDays").isEqualTo(90);
    catalog.get("/v1/providers/" + catalog.provider()).expectStatus().isOk().expectBody()
        .jsonPath("$.locationIds[0]").isEqualTo(catalog.locationId.toString())
        .jsonPath("$.serviceIds[0]").isEqualTo(catalog.serviceId.toString());
    catalog.get("/v1/providers/" + catalog.provider() + "/working-hours").expectStatus().isOk()
        .expectBody().jsonPath("$.hours.length()").isEqualTo(7).jsonPath("$.hours[0].start").isEqualTo("08:00:00");
    catalog.get("/v1/providers").expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);

    // Time off hides slots.
    Instant ten = CatalogFixture.nextWeekAt(10, 0);
    UUID timeOff = catalog.create("/v1/providers/" + catalog.provider() + "/time-off",
        Map.of("start", ten.toString(), "end", ten.plusSeconds(3600).toString(), "reason", "dentist"));
    String window = "/v1/availability?serviceId=" + catalog.serviceId + "&from=" + ten + "&to=" + ten.plusSeconds(3600);
    catalog.get(window).expectStatus().isOk().expectBody().jsonPath("$.slots.length()").isEqualTo(0);
    http.delete().uri("/v1/providers/" + catalog.provider() + "/time-off/" + timeOff)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange().expectStatus().isNoContent();
    catalog.get(window).expectStatus().isOk().expectBody().jsonPath("$.slots.length()").isEqualTo(4);

    // A deleted service is gone, and cannot be booked.
    http.delete().uri("/v1/services/" + catalog.serviceId).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isNoContent();
    catalog.get("/v1/services/" + catalog.serviceId).expectStatus().isNotFound();
    // The body names it, the URL is fine: 422, as the error table says for unknown references.
    catalog.post("/v1/bookings", catalog.booking(catalog.provider(), ten)).expectStatus().isEqualTo(422)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/unprocessable");
  }

  @Test
  void anotherTenantsCatalogIsInvisible() {
    CatalogFixture mine = new CatalogFixture(http, newTenant()).build(1);
    CatalogFixture theirs = new CatalogFixture(http, newTenant());
    theirs.get("/v1/locations/" + mine.locationId).expectStatus().isNotFound();
    theirs.get("/v1/services/" + mine.serviceId).expectStatus().isNotFound();
    theirs.get("/v1/providers/" + mine.provider()).expectStatus().isNotFound();
    theirs.get("/v1/availability?serviceId=" + mine.serviceId + "&from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z").expectStatus().isNotFound();
    // Nor can it be referenced.
    theirs.post("/v1/providers", Map.of("name", "Thief", "locationIds", List.of(mine.locationId))).expectStatus().isEqualTo(422);
    UUID booking = mine.book(mine.provider(), CatalogFixture.nextWeekAt(9, 0));
    theirs.get("/v1/bookings/" + booking).expectStatus().isNotFound();
    theirs.post("/v1/bookings/" + booking + "/cancel", Map.of()).expectStatus().isNotFound();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(TestTenant tenant, String path, String ifMatch, Object body) {
    var request = http.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).contentType(MediaType.APPLICATION_JSON);
    if (ifMatch != null) {
      request = request.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    return request.bodyValue(body).exchange();
  }
}
