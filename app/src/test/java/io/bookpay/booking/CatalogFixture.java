package io.bookpay.booking;

import io.bookpay.testsupport.IntegrationTest.TestTenant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Builds a bookable catalog through the API: one location, one service, providers who offer it and
 * work every day in the given hours. Defaults: UTC, 60-minute service every 15 minutes, 08:00-20:00.
 */
public final class CatalogFixture {

  final WebTestClient http;
  final TestTenant tenant;
  String zone = "UTC";
  String hoursStart = "08:00";
  String hoursEnd = "20:00";
  Map<String, Object> service = new java.util.HashMap<>(Map.of(
      "name", "Consultation", "durationMinutes", 60, "priceAmount", 12_500, "currency", "EUR", "slotIntervalMinutes", 15));

  public UUID locationId;
  public UUID serviceId;
  public final List<UUID> providerIds = new ArrayList<>();

  public CatalogFixture(WebTestClient http, TestTenant tenant) {
    this.http = http;
    this.tenant = tenant;
  }

  public CatalogFixture service(String key, Object value) {
    service.put(key, value);
    return this;
  }

  public CatalogFixture build(int providers) {
    locationId = create("/v1/locations", Map.of("name", "Main street", "timeZone", zone));
    serviceId = create("/v1/services", service);
    for (int i = 0; i < providers; i++) {
      UUID provider = create("/v1/providers", Map.of("name", "Provider " + i, "locationIds", List.of(locationId), "serviceIds", List.of(serviceId)));
      List<Map<String, Object>> hours = new ArrayList<>();
      for (int day = 1; day <= 7; day++) {
        hours.add(Map.of("locationId", locationId, "weekday", day, "start", hoursStart, "end", hoursEnd));
      }
      put("/v1/providers/" + provider + "/working-hours", Map.of("hours", hours)).expectStatus().isOk();
      providerIds.add(provider);
    }
    return this;
  }

  public UUID provider() {
    return providerIds.get(0);
  }

  /** 10:00 UTC a week from today: inside the default hours, past any notice, within the advance window. */
  public static Instant nextWeekAt(int hour, int minute) {
    return LocalDate.now(ZoneOffset.UTC).plusDays(7).atTime(hour, minute).toInstant(ZoneOffset.UTC);
  }

  Map<String, Object> booking(UUID provider, Instant start) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of(
        "serviceId", serviceId, "start", start.toString(),
        "customer", Map.of("name", "Client", "email", "client-" + UUID.randomUUID() + "@example.com")));
    if (provider != null) {
      body.put("providerId", provider);
    }
    return body;
  }

  public UUID book(UUID provider, Instant start) {
    Map<?, ?> created = post("/v1/bookings", booking(provider, start)).expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    return UUID.fromString((String) created.get("id"));
  }

  UUID create(String path, Object body) {
    Map<?, ?> created = post(path, body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    return UUID.fromString((String) created.get("id"));
  }

  WebTestClient.ResponseSpec post(String path, Object body) {
    return http.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  WebTestClient.ResponseSpec put(String path, Object body) {
    return http.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  public WebTestClient.ResponseSpec get(String path) {
    return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange();
  }
}
