package io.bookpay.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.catalog.LocationChanged;
import io.bookpay.events.catalog.ProviderChanged;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every catalog change is on bookpay.catalog as a snapshot of the item, written in the change's transaction. */
class CatalogEventsIntegrationTest extends IntegrationTest {

  @Test
  void createsAndUpdatesPublishSnapshotsOfTheItems() {
    TestTenant tenant = newTenant();
    UUID location = create(tenant, "/v1/locations", Map.of("name", "Harbour", "timeZone", "Europe/Berlin"));
    UUID service = create(tenant, "/v1/services", Map.of("name", "Consultation", "durationMinutes", 30, "priceAmount", 6_000,
        "currency", "EUR", "slotIntervalMinutes", 15));
    UUID provider = create(tenant, "/v1/providers", Map.of("name", "Dr. Weiss", "locationIds", List.of(location), "serviceIds", List.of(service)));
    send(tenant, http.put().uri("/v1/providers/" + provider + "/working-hours"), Map.of("hours", List.of(
        Map.of("locationId", location, "weekday", 1, "start", "09:00", "end", "12:30"),
        Map.of("locationId", location, "weekday", 1, "start", "13:30", "end", "17:00")))).expectStatus().isOk();
    send(tenant, http.put().uri("/v1/services/" + service).header(HttpHeaders.IF_MATCH, "\"0\""), Map.of("name", "Long consultation",
        "durationMinutes", 45, "priceAmount", 8_000, "currency", "EUR", "slotIntervalMinutes", 15)).expectStatus().isOk();
    send(tenant, http.put().uri("/v1/locations/" + location).header(HttpHeaders.IF_MATCH, "\"0\""),
        Map.of("name", "Harbour East", "timeZone", "Europe/Lisbon")).expectStatus().isOk();
    http.delete().uri("/v1/services/" + service).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isNoContent();

    List<EventEnvelope> events = catalogEvents(tenant, 7);

    assertThat(events).allSatisfy(e -> assertThat(e.tenantId()).isEqualTo(tenant.id()));
    assertThat(payloads(events, LocationChanged.class)).containsExactly(
        new LocationChanged(location, "Harbour", "Europe/Berlin", true, 0),
        new LocationChanged(location, "Harbour East", "Europe/Lisbon", true, 1));
    assertThat(payloads(events, ServiceChanged.class)).containsExactly(
        new ServiceChanged(service, "Consultation", 30, 6_000, "EUR", true, false, 0),
        new ServiceChanged(service, "Long consultation", 45, 8_000, "EUR", true, false, 1),
        new ServiceChanged(service, "Long consultation", 45, 8_000, "EUR", false, true, 2));
    List<ProviderChanged> providers = payloads(events, ProviderChanged.class);
    assertThat(providers).hasSize(2);
    assertThat(providers.get(0).workingHours()).isEmpty();
    assertThat(providers.get(0).locationIds()).containsExactly(location);
    assertThat(providers.get(0).serviceIds()).containsExactly(service);
    // The hours move the provider's version, so the snapshot with them supersedes the one without.
    assertThat(providers.get(1).version()).isEqualTo(1);
    assertThat(providers.get(1).workingHours()).containsExactly(
        new ProviderChanged.Hours(location, 1, LocalTime.of(9, 0), LocalTime.of(12, 30)),
        new ProviderChanged.Hours(location, 1, LocalTime.of(13, 30), LocalTime.of(17, 0)));
    catalogGet(tenant, "/v1/providers/" + provider).expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"");
  }

  @Test
  void aRefusedChangePublishesNothing() {
    TestTenant tenant = newTenant();
    UUID location = create(tenant, "/v1/locations", Map.of("name", "Harbour", "timeZone", "UTC"));
    send(tenant, http.put().uri("/v1/locations/" + location).header(HttpHeaders.IF_MATCH, "\"7\""),
        Map.of("name", "Stale", "timeZone", "UTC")).expectStatus().isEqualTo(412);
    send(tenant, http.post().uri("/v1/locations"), Map.of("name", "Nowhere", "timeZone", "Mars/Base")).expectStatus().isBadRequest();
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'bookpay.catalog'", tenant.id())).isEqualTo(1);
  }

  private List<EventEnvelope> catalogEvents(TestTenant tenant, int expected) {
    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    EventCodec codec = new EventCodec();
    return await().atMost(Duration.ofSeconds(30)).until(
        () -> TopicReader.readAll(kafka, Topics.CATALOG, r -> tenant.id().toString().equals(TopicReader.header(r, "ce_tenantid")))
            .stream().map(r -> codec.decode(r.value())).toList(),
        found -> found.size() >= expected);
  }

  /** One item's events are in one partition, in order; across items the order is by the outbox id. */
  private static <T> List<T> payloads(List<EventEnvelope> events, Class<T> type) {
    return events.stream().map(EventEnvelope::payload).filter(type::isInstance).map(type::cast).toList();
  }

  private UUID create(TestTenant tenant, String path, Object body) {
    Map<?, ?> created = send(tenant, http.post().uri(path), body).expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    return UUID.fromString((String) created.get("id"));
  }

  private WebTestClient.ResponseSpec catalogGet(TestTenant tenant, String path) {
    return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange();
  }

  private static WebTestClient.ResponseSpec send(TestTenant tenant, WebTestClient.RequestBodySpec request, Object body) {
    return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body).exchange();
  }
}
