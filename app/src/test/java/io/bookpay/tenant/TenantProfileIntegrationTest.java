package io.bookpay.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.Topics;
import io.bookpay.events.tenant.TenantProfileChanged;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** PATCH /v1/tenant: a JSON merge patch of the caller's own profile, optimistic with If-Match, published on bookpay.tenants. */
class TenantProfileIntegrationTest extends IntegrationTest {

  private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

  @Test
  void aMergePatchChangesTheZoneAndPublishesTheProfile() {
    TestTenant tenant = newTenant();
    get(tenant.apiKey()).expectStatus().isOk()
        .expectHeader().valueEquals(HttpHeaders.ETAG, "\"0\"")
        .expectBody().jsonPath("$.timeZone").isEqualTo("UTC").jsonPath("$.id").isEqualTo(tenant.id().toString());

    patch(tenant.apiKey(), MERGE_PATCH, "\"0\"", "{\"timeZone\":\"Europe/Berlin\"}").expectStatus().isOk()
        .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
        .expectBody().jsonPath("$.timeZone").isEqualTo("Europe/Berlin").jsonPath("$.version").isEqualTo(1);
    // A member left out keeps its value; application/json is accepted too, If-Match is optional.
    String name = "Renamed " + tenant.id();
    patch(tenant.apiKey(), MediaType.APPLICATION_JSON, null, "{\"name\":\"" + name + "\"}").expectStatus().isOk()
        .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"")
        .expectBody().jsonPath("$.timeZone").isEqualTo("Europe/Berlin").jsonPath("$.name").isEqualTo(name);
    // A patch that changes nothing moves nothing.
    patch(tenant.apiKey(), MERGE_PATCH, "\"2\"", "{\"timeZone\":\"Europe/Berlin\"}").expectStatus().isOk()
        .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"");
    assertThat(sql.rows("SELECT name, time_zone, version FROM tenants WHERE id = ?", tenant.id()).get(0))
        .containsEntry("name", name).containsEntry("time_zone", "Europe/Berlin").containsEntry("version", 2L);

    // Creation and both changes are on bookpay.tenants, keyed by the tenant, in order.
    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    EventCodec codec = new EventCodec();
    List<TenantProfileChanged> events = await().atMost(Duration.ofSeconds(30)).until(
        () -> TopicReader.readAll(kafka, Topics.TENANTS, r -> tenant.id().toString().equals(r.key())).stream()
            .map(r -> (TenantProfileChanged) codec.decode(r.value()).payload()).toList(),
        found -> found.size() == 3);
    assertThat(events).extracting(TenantProfileChanged::version).containsExactly(0L, 1L, 2L);
    assertThat(events).extracting(TenantProfileChanged::timeZone).containsExactly("UTC", "Europe/Berlin", "Europe/Berlin");
    assertThat(events.get(2).name()).isEqualTo(name);

    // null in a merge patch removes the value: back to the default zone.
    patch(tenant.apiKey(), MERGE_PATCH, null, "{\"timeZone\":null}").expectStatus().isOk()
        .expectBody().jsonPath("$.timeZone").isEqualTo("UTC").jsonPath("$.version").isEqualTo(3);
  }

  @Test
  void aStaleIfMatchIs412AndChangesNothing() {
    TestTenant tenant = newTenant();
    patch(tenant.apiKey(), MERGE_PATCH, "\"0\"", "{\"timeZone\":\"America/New_York\"}").expectStatus().isOk();
    long outbox = outboxOf(tenant);

    patch(tenant.apiKey(), MERGE_PATCH, "\"0\"", "{\"timeZone\":\"Asia/Tokyo\"}").expectStatus().isEqualTo(412)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/precondition-failed")
        .jsonPath("$.currentETag").isEqualTo("\"1\"");
    assertThat(sql.rows("SELECT time_zone FROM tenants WHERE id = ?", tenant.id()).get(0)).containsEntry("time_zone", "America/New_York");
    assertThat(outboxOf(tenant)).isEqualTo(outbox);
  }

  @Test
  void badPatchesAre400ProblemsAndChangeNothing() {
    TestTenant tenant = newTenant();
    long outbox = outboxOf(tenant);
    for (String body : List.of("{\"timeZone\":\"Mars/Olympus_Mons\"}", "{\"timeZone\":42}", "{\"timeZone\":\"\"}")) {
      patch(tenant.apiKey(), MERGE_PATCH, null, body).expectStatus().isBadRequest()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/validation")
          .jsonPath("$.errors[0].field").isEqualTo("timeZone");
    }
    patch(tenant.apiKey(), MERGE_PATCH, null, "{\"name\":null}").expectStatus().isBadRequest()
        .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    for (String name : List.of("a\\u0000b", "a\\u202Eb", "a\\nb")) {
      patch(tenant.apiKey(), MERGE_PATCH, null, "{\"name\":\"" + name + "\"}").expectStatus().isBadRequest()
          .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 5_000; i++) {
      many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":0");
    }
    patch(tenant.apiKey(), MERGE_PATCH, null, many.append('}').toString()).expectStatus().isBadRequest()
        .expectBody().jsonPath("$.errors.length()").isEqualTo(10);
    patch(tenant.apiKey(), MERGE_PATCH, null, "{\"zone\":\"UTC\"}").expectStatus().isBadRequest()
        .expectBody().jsonPath("$.errors[0].field").isEqualTo("zone");
    patch(tenant.apiKey(), MERGE_PATCH, null, "[1]").expectStatus().isBadRequest();
    patch(tenant.apiKey(), MERGE_PATCH, null, "{not json").expectStatus().isBadRequest()
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/malformed-request");
    patch(tenant.apiKey(), MERGE_PATCH, "nonsense", "{\"timeZone\":\"UTC\"}").expectStatus().isEqualTo(412);
    patch(tenant.apiKey(), MediaType.TEXT_PLAIN, null, "timeZone=UTC").expectStatus().isEqualTo(415);

    assertThat(sql.rows("SELECT time_zone, version FROM tenants WHERE id = ?", tenant.id()).get(0))
        .containsEntry("time_zone", "UTC").containsEntry("version", 0L);
    assertThat(outboxOf(tenant)).isEqualTo(outbox);
  }

  @Test
  void theProfileIsTheCallersOwnAndChangingItTakesTheAdminScope() {
    TestTenant mine = newTenant();
    TestTenant theirs = newTenant();
    String reporting = key(mine, "reports:read");
    String customersOnly = key(mine, "customers:read");

    get(reporting).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(mine.id().toString());
    get(customersOnly).expectStatus().isForbidden()
        .expectBody().jsonPath("$.requiredScope").isEqualTo("api-keys:manage");
    patch(reporting, MERGE_PATCH, null, "{\"timeZone\":\"Asia/Tokyo\"}").expectStatus().isForbidden()
        .expectBody().jsonPath("$.requiredScope").isEqualTo("api-keys:manage");

    // Each tenant's key reads and changes only its own tenant.
    patch(theirs.apiKey(), MERGE_PATCH, null, "{\"timeZone\":\"Asia/Tokyo\"}").expectStatus().isOk()
        .expectBody().jsonPath("$.id").isEqualTo(theirs.id().toString());
    get(mine.apiKey()).expectStatus().isOk().expectBody().jsonPath("$.timeZone").isEqualTo("UTC");
    http.get().uri("/v1/tenant").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void theBrandingIsValidatedStoredAndPublishedAndNullRemovesIt() {
    TestTenant tenant = newTenant();
    patch(tenant.apiKey(), MERGE_PATCH, null, """
        {"displayName": "Harbour Clinic", "brandColor": "#0B6E4F", "logoUrl": "https://cdn.example.com/logo.png",
         "contactEmail": "desk@harbour.example", "contactPhone": "+44 20 7946 0000", "address": "1 Harbour Street\\nPort Town"}
        """).expectStatus().isOk()
        .expectBody()
        .jsonPath("$.displayName").isEqualTo("Harbour Clinic")
        .jsonPath("$.brandColor").isEqualTo("#0b6e4f")
        .jsonPath("$.logoUrl").isEqualTo("https://cdn.example.com/logo.png")
        .jsonPath("$.contactEmail").isEqualTo("desk@harbour.example")
        .jsonPath("$.contactPhone").isEqualTo("+44 20 7946 0000")
        .jsonPath("$.address").isEqualTo("1 Harbour Street\nPort Town")
        .jsonPath("$.version").isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'TenantProfileChanged'"
        + " AND envelope->'payload'->>'brandColor' = '#0b6e4f' AND envelope->'payload'->>'logoUrl' = 'https://cdn.example.com/logo.png'"
        + " AND envelope->'payload'->>'displayName' = 'Harbour Clinic' AND envelope->'payload'->>'contactPhone' = '+44 20 7946 0000'",
        tenant.id())).isEqualTo(1);

    long published = outboxOf(tenant);
    for (String[] bad : List.of(new String[] {"brandColor", "\"red\""}, new String[] {"brandColor", "\"#12345\""},
        new String[] {"logoUrl", "\"http://cdn.example.com/logo.png\""}, new String[] {"logoUrl", "\"javascript:alert(1)\""},
        new String[] {"contactEmail", "\"not-an-email\""}, new String[] {"contactPhone", "\"call me\""},
        new String[] {"displayName", "\"\""}, new String[] {"address", "42"})) {
      patch(tenant.apiKey(), MERGE_PATCH, null, "{\"" + bad[0] + "\": " + bad[1] + "}").expectStatus().isBadRequest()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[0]);
    }
    assertThat(outboxOf(tenant)).isEqualTo(published);

    patch(tenant.apiKey(), MERGE_PATCH, null, "{\"logoUrl\": null, \"displayName\": null}").expectStatus().isOk()
        .expectBody().jsonPath("$.logoUrl").doesNotExist().jsonPath("$.displayName").doesNotExist()
        .jsonPath("$.brandColor").isEqualTo("#0b6e4f");
    assertThat(sql.rows("SELECT logo_url, display_name, brand_color FROM tenants WHERE id = ?", tenant.id()).get(0))
        .containsEntry("logo_url", null).containsEntry("display_name", null).containsEntry("brand_color", "#0b6e4f");
  }

  private WebTestClient.ResponseSpec get(String key) {
    return http.get().uri("/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
  }

  private WebTestClient.ResponseSpec patch(String key, MediaType type, String ifMatch, String body) {
    var request = http.patch().uri("/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(type);
    if (ifMatch != null) {
      request = request.header(HttpHeaders.IF_MATCH, ifMatch);
    }
    return request.bodyValue(body).exchange();
  }

  private long outboxOf(TestTenant tenant) {
    return sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'TenantProfileChanged'", tenant.id());
  }

  private String key(TestTenant tenant, String scope) {
    Map<?, ?> body = http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", scope, "scopes", List.of(scope)))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    return (String) body.get("key");
  }
}
