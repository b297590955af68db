package io.bookpay.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics event log end to end: domain and custom events become rows of ids and values
 * (no personal data), custom events are all-or-nothing batches, and the export streams a tenant's
 * rows, never another tenant's, as NDJSON or CSV.
 */
class AnalyticsEventsIntegrationTest extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3_600);

  @Test
  void domainEventsAreKeptAsRowsWithoutPersonalData() {
    TestTenant tenant = newTenant();
    UUID customer = newCustomer(http, tenant, "Ada Lovelace", "ada-" + UUID.randomUUID() + "@example.com");

    Map<String, Object> row = await().atMost(Duration.ofSeconds(30)).until(
        () -> sql.rows("SELECT event_type, customer_id, aggregate_type, data::text AS data FROM analytics_events"
            + " WHERE tenant_id = ? AND event_type = 'CustomerRegistered'", tenant.id()),
        rows -> rows.size() == 1).get(0);
    assertThat(row).containsEntry("customer_id", customer).containsEntry("aggregate_type", "Customer");
    assertThat((String) row.get("data")).contains(customer.toString()).doesNotContain("Ada").doesNotContain("example.com");
    // The tenant's own profile event is there too, without the tenant's name.
    await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
        "SELECT count(*) FROM analytics_events WHERE tenant_id = ? AND event_type = 'TenantProfileChanged' AND data::text NOT LIKE '%Clinic%'",
        tenant.id()) == 1);
  }

  @Test
  void aValidBatchIs202AndEveryEventBecomesARow() {
    TestTenant tenant = newTenant();
    String writer = key(tenant, "analytics:write");
    UUID customer = UUID.randomUUID();
    List<Map<String, Object>> events = List.of(
        event("page.viewed", T0, Map.of("path", "/prices", "visitor", Map.of("email", "ada@example.com", "plan", "gold")))
            .with("customerId", customer).with("sessionId", "sess-1"),
        event("checkout_started", T0.plusSeconds(5), null).with("sessionId", "sess-1"));

    record(writer, events).expectStatus().isAccepted().expectBody().jsonPath("$.accepted").isEqualTo(2);

    List<Map<String, Object>> rows = awaitRows(tenant, 2);
    assertThat(rows).extracting(r -> r.get("event_type")).containsExactly("page.viewed", "checkout_started");
    assertThat(rows.get(0)).containsEntry("customer_id", customer).containsEntry("session_id", "sess-1")
        .containsEntry("aggregate_type", "CustomEvent");
    assertThat(((java.sql.Timestamp) rows.get(0).get("occurred_at")).toInstant()).isEqualTo(T0);
    assertThat(JSON.readTree((String) rows.get(0).get("data"))).isEqualTo(JSON.readTree("{\"path\":\"/prices\",\"visitor\":{\"plan\":\"gold\"}}"));
    assertThat(rows.get(1).get("data")).isEqualTo("{}");
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'bookpay.analytics'", tenant.id())).isEqualTo(2);
  }

  @Test
  void anInvalidItemRefusesTheBatchListingEveryBadItemAndNothingIsStored() {
    TestTenant tenant = newTenant();
    String writer = key(tenant, "analytics:write");
    List<Map<String, Object>> events = new ArrayList<>();
    events.add(event("ok.one", T0, Map.of("a", 1)));
    events.add(event("BookingConfirmed", T0, null));                         // a domain event's name: not a custom type
    events.add(event("ok.two", T0, null).with("sessionId", "has space"));
    events.add(event("ok.three", T0, Map.of("blob", "x".repeat(9_000))));     // over 8 KB
    events.add(event("ok.four", null, null));                                // no time
    events.add(event("ok.five", Instant.now().plus(Duration.ofDays(3)), null));

    record(writer, events).expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo("https://bookpay.io/problems/validation")
        .jsonPath("$.invalidItems").isEqualTo(List.of(1, 2, 3, 4, 5))
        .jsonPath("$.errors[0].field").isEqualTo("events[1].type")
        .jsonPath("$.errors[1].field").isEqualTo("events[2].sessionId")
        .jsonPath("$.errors[2].field").isEqualTo("events[3].data")
        .jsonPath("$.errors[3].field").isEqualTo("events[4].occurredAt")
        .jsonPath("$.errors[4].field").isEqualTo("events[5].occurredAt");

    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(event("bulk", T0, null));
    }
    record(writer, tooMany).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("events");
    record(writer, List.of()).expectStatus().isBadRequest();
    record(writer, List.of(event("arr", T0, null).with("data", List.of(1, 2)))).expectStatus().isBadRequest()
        .expectBody().jsonPath("$.errors[0].field").isEqualTo("events[0].data");
    record(writer, List.of(event("uuid", T0, null).with("customerId", "not-a-uuid"))).expectStatus().isBadRequest()
        .expectBody().jsonPath("$.errors[0].field").isEqualTo("events[0].customerId");

    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND topic = 'bookpay.analytics'", tenant.id())).isZero();
  }

  @Test
  void recordingTakesTheAnalyticsWriteScope() {
    TestTenant tenant = newTenant();
    record(key(tenant, "reports:read"), List.of(event("x", T0, null))).expectStatus().isForbidden()
        .expectBody().jsonPath("$.requiredScope").isEqualTo("analytics:write");
    http.post().uri("/v1/analytics/events").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("events", List.of()))
        .exchange().expectStatus().isUnauthorized();
    record(tenant.apiKey(), List.of(event("x", T0, null))).expectStatus().isAccepted(); // "*" holds every scope
  }

  @Test
  void theExportStreamsTheTenantsRowsAsNdjsonAndCsvAndNeverAnotherTenants() {
    TestTenant mine = newTenant();
    TestTenant theirs = newTenant();
    record(mine.apiKey(), List.of(
        event("page.viewed", T0, Map.of("title", "Prices, \"new\"", "visitor", Map.of("name", "Ada"))).with("sessionId", "s1"),
        event("page.viewed", T0.plusSeconds(1), null),
        event("signup", T0.plusSeconds(2), null))).expectStatus().isAccepted();
    record(theirs.apiKey(), List.of(event("page.viewed", T0, Map.of("theirs", true)))).expectStatus().isAccepted();
    awaitRows(mine, 3);
    awaitRows(theirs, 1);
    String reporting = key(mine, "reports:read");

    List<JsonNode> lines = ndjson(reporting, T0, T0.plusSeconds(60), null);
    assertThat(lines).extracting(l -> l.get("type").asString()).containsExactly("page.viewed", "page.viewed", "signup");
    assertThat(lines.get(0).get("sessionId").asString()).isEqualTo("s1");
    assertThat(lines.get(0).get("data")).isEqualTo(JSON.readTree("{\"title\":\"Prices, \\\"new\\\"\",\"visitor\":{}}"));
    assertThat(lines.get(1).get("customerId").isNull()).isTrue();
    assertThat(ndjson(reporting, T0, T0.plusSeconds(60), "signup")).hasSize(1);
    assertThat(ndjson(reporting, T0.plusSeconds(1), T0.plusSeconds(2), null)).hasSize(1); // to is exclusive
    // Domain events are exported too; the other tenant's events never are.
    assertThat(ndjson(reporting, Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), "TenantProfileChanged")).hasSize(1);
    assertThat(ndjson(key(theirs, "reports:read"), T0, T0.plusSeconds(60), null)).singleElement()
        .satisfies(l -> assertThat(l.get("data").get("theirs").asBoolean()).isTrue());

    String csv = export(reporting, T0, T0.plusSeconds(60), null, "text/csv")
        .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
        .expectBody(String.class).returnResult().getResponseBody();
    String[] records = csv.split("\r\n");
    assertThat(records).hasSize(4);
    assertThat(records[0]).isEqualTo("eventId,type,occurredAt,customerId,linkId,sessionId,data");
    assertThat(records[1]).endsWith(",page.viewed," + T0 + ",,,s1,\"{\"\"title\"\": \"\"Prices, \\\"\"new\\\"\"\"\", \"\"visitor\"\": {}}\"");
    assertThat(records[3]).contains(",signup,").endsWith(",{}");
    assertThat(csv).doesNotContain("Ada");
  }

  @Test
  void theExportPagesThroughMoreRowsThanOneFetchAndRefusesBadQueries() {
    TestTenant tenant = newTenant();
    // Rows as the consumer would have written them: more than one fetch (500) of them.
    sql.update("""
        INSERT INTO analytics_events (event_id, tenant_id, event_type, occurred_at, aggregate_type, aggregate_id, data)
        SELECT gen_random_uuid(), ?, 'bulk.row', ?::timestamptz + n * interval '1 millisecond', 'CustomEvent', gen_random_uuid(),
               jsonb_build_object('n', n)
        FROM generate_series(1, 1234) AS n
        """, tenant.id(), T0.toString());
    String reporting = key(tenant, "reports:read");
    List<JsonNode> lines = ndjson(reporting, T0, T0.plusSeconds(10), "bulk.row");
    assertThat(lines).hasSize(1234);
    assertThat(lines).extracting(l -> l.get("data").get("n").asInt()).isSorted().startsWith(1, 2, 3).endsWith(1234);

    export(reporting, T0.plusSeconds(1), T0, null, null).expectStatus().isBadRequest()
        .expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
    export(reporting, T0, T0.plusSeconds(1), "no spaces", null).expectStatus().isBadRequest();
    http.get().uri("/v1/analytics/events/export?from=" + T0).header(HttpHeaders.AUTHORIZATION, "Bearer " + reporting)
        .exchange().expectStatus().isBadRequest();
    export(reporting, T0, T0.plusSeconds(1), null, "application/json").expectStatus().isEqualTo(406)
        .expectBody().jsonPath("$.detail").isEqualTo("This resource answers in application/x-ndjson or text/csv only.");
    export(key(tenant, "analytics:write"), T0, T0.plusSeconds(1), null, null).expectStatus().isForbidden();
  }

  // --- helpers ---

  /** A custom event as a mutable map, so a case can add or spoil members. */
  static final class Event extends HashMap<String, Object> {
    Event with(String field, Object value) {
      put(field, value);
      return this;
    }
  }

  private static Event event(String type, Instant at, Map<String, Object> data) {
    Event e = new Event();
    e.put("type", type);
    if (at != null) {
      e.put("occurredAt", at.toString());
    }
    if (data != null) {
      e.put("data", data);
    }
    return e;
  }

  private WebTestClient.ResponseSpec record(String key, List<? extends Map<String, Object>> events) {
    return http.post().uri("/v1/analytics/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("events", events)).exchange();
  }

  private List<Map<String, Object>> awaitRows(TestTenant tenant, int n) {
    return await().atMost(Duration.ofSeconds(30)).until(
        () -> sql.rows("SELECT event_type, occurred_at, customer_id, session_id, aggregate_type, data::text AS data FROM analytics_events"
            + " WHERE tenant_id = ? AND aggregate_type = 'CustomEvent' ORDER BY occurred_at, event_id", tenant.id()),
        rows -> rows.size() == n);
  }

  private WebTestClient.ResponseSpec export(String key, Instant from, Instant to, String type, String accept) {
    String uri = "/v1/analytics/events/export?from=" + from + "&to=" + to + (type == null ? "" : "&type=" + type);
    var request = http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
    if (accept != null) {
      request = request.header(HttpHeaders.ACCEPT, accept);
    }
    return request.exchange();
  }

  private List<JsonNode> ndjson(String key, Instant from, Instant to, String type) {
    byte[] body = export(key, from, to, type, null).expectStatus().isOk()
        .expectHeader().contentType(MediaType.APPLICATION_NDJSON)
        .expectBody(byte[].class).returnResult().getResponseBody();
    if (body == null) {
      return List.of();
    }
    return new String(body, StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
  }

  private String key(TestTenant tenant, String scope) {
    Map<?, ?> body = http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", scope, "scopes", List.of(scope)))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    return (String) body.get("key");
  }
}
