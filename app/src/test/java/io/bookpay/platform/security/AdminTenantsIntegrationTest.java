package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What operators do with tenants: list them page by page, and give one a new key when it lost its own. */
class AdminTenantsIntegrationTest extends IntegrationTest {

  private final String operator = "Bearer " + TestInfrastructure.get().adminToken();

  @Test
  void operatorsPageThroughAllTenants() {
    List<UUID> mine = List.of(newTenant().id(), newTenant().id(), newTenant().id());
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<?, ?> page = http.get().uri(cursor == null ? "/v1/admin/tenants?limit=2" : "/v1/admin/tenants?limit=2&cursor=" + cursor)
          .header(HttpHeaders.AUTHORIZATION, operator)
          .exchange().expectStatus().isOk()
          .expectBody(Map.class).returnResult().getResponseBody();
      List<?> items = (List<?>) page.get("items");
      assertThat(items).hasSizeLessThanOrEqualTo(2);
      items.forEach(item -> seen.add((String) ((Map<?, ?>) item).get("id")));
      assertThat(page.containsKey("nextCursor")).as("nextCursor is always present").isTrue();
      cursor = (String) page.get("nextCursor");
      pages++;
    } while (cursor != null && pages < 10_000);
    assertThat(cursor).as("the last page has no next cursor").isNull();
    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen).containsAll(mine.stream().map(UUID::toString).toList());
    assertThat((long) seen.size()).isEqualTo(sql.count("SELECT count(*) FROM tenants"));

    http.get().uri("/v1/admin/tenants?cursor=not-a-cursor").header(HttpHeaders.AUTHORIZATION, operator)
        .exchange().expectStatus().isBadRequest();
    http.get().uri("/v1/admin/tenants?limit=0").header(HttpHeaders.AUTHORIZATION, operator)
        .exchange().expectStatus().isBadRequest();
    http.get().uri("/v1/admin/tenants").header(HttpHeaders.AUTHORIZATION, "Bearer " + newTenant().apiKey())
        .exchange().expectStatus().isUnauthorized();
  }

  @Test
  void anOperatorRecoversATenantWhoseKeysAreAllRevoked() {
    TestTenant tenant = newTenant();
    UUID firstKey = (UUID.fromString((String) ((Map<?, ?>) ((List<?>) get("/v1/api-keys", tenant.apiKey()).get("items")).get(0)).get("id")));
    http.post().uri("/v1/api-keys/{id}/revoke", firstKey).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isNoContent();
    http.get().uri("/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isUnauthorized();

    // No body: a key with every scope.
    Map<?, ?> issued = http.post().uri("/v1/admin/tenants/{id}/api-keys", tenant.id())
        .header(HttpHeaders.AUTHORIZATION, operator)
        .exchange().expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    assertThat(issued.get("scopes")).isEqualTo(List.of("*"));
    String key = (String) issued.get("key");
    http.get().uri("/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange().expectStatus().isOk();

    // A name and scopes of its own.
    Map<?, ?> narrow = http.post().uri("/v1/admin/tenants/{id}/api-keys", tenant.id())
        .header(HttpHeaders.AUTHORIZATION, operator)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "reporting", "scopes", List.of("reports:read")))
        .exchange().expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    assertThat(narrow.get("name")).isEqualTo("reporting");
    assertThat(narrow.get("scopes")).isEqualTo(List.of("reports:read"));
    assertThat(sql.count("SELECT count(*) FROM api_keys WHERE tenant_id = ?", tenant.id())).isEqualTo(3);
  }

  @Test
  void issuingAKeyForAnUnknownTenantOrWithBadInputChangesNothing() {
    long keys = sql.count("SELECT count(*) FROM api_keys");
    http.post().uri("/v1/admin/tenants/{id}/api-keys", UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, operator)
        .exchange().expectStatus().isNotFound()
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/not-found");
    TestTenant tenant = newTenant();
    keys = sql.count("SELECT count(*) FROM api_keys");
    http.post().uri("/v1/admin/tenants/{id}/api-keys", tenant.id()).header(HttpHeaders.AUTHORIZATION, operator)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("scopes", List.of("everything")))
        .exchange().expectStatus().isBadRequest();
    http.post().uri("/v1/admin/tenants/{id}/api-keys", tenant.id()).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isUnauthorized();
    assertThat(sql.count("SELECT count(*) FROM api_keys")).isEqualTo(keys);
  }

  @Test
  void aKeyCannotRevokeAKeyHoldingScopesItLacks() {
    TestTenant tenant = newTenant();
    Map<?, ?> manager = issue(tenant.apiKey(), List.of("api-keys:manage", "customers:read"));
    Map<?, ?> reader = issue(tenant.apiKey(), List.of("customers:read"));
    UUID firstKey = UUID.fromString((String) ((Map<?, ?>) ((List<?>) get("/v1/api-keys", tenant.apiKey()).get("items")).get(0)).get("id"));

    WebTestClient.ResponseSpec refused = http.post().uri("/v1/api-keys/{id}/revoke", firstKey)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + manager.get("key")).exchange();
    refused.expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/forbidden");
    assertThat(sql.count("SELECT count(*) FROM api_keys WHERE id = ? AND revoked_at IS NULL", firstKey)).isEqualTo(1);

    http.post().uri("/v1/api-keys/{id}/revoke", reader.get("id"))
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + manager.get("key")).exchange().expectStatus().isNoContent();
    assertThat(sql.count("SELECT count(*) FROM api_keys WHERE id = ?::uuid AND revoked_at IS NOT NULL", reader.get("id"))).isEqualTo(1);
  }

  @Test
  void theNewAdminRoutesAreDescribed() {
    // springdoc builds the description in the background at startup; wait until it is there.
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get().uri("/v3/api-docs").exchange().returnResult(String.class)
        .getStatus().value() == 200);
    http.get().uri("/v3/api-docs").exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.paths['/v1/admin/tenants'].get.security[0].operatorToken").exists()
        .jsonPath("$.paths['/v1/admin/tenants'].get.parameters[?(@.name == 'cursor')]").exists()
        .jsonPath("$.paths['/v1/admin/tenants'].get.parameters[?(@.name == 'operator')]").doesNotExist()
        .jsonPath("$.paths['/v1/admin/tenants/{id}/api-keys'].post.security[0].operatorToken").exists()
        .jsonPath("$.paths['/v1/admin/tenants/{id}/api-keys'].post.responses['201']").exists()
        .jsonPath("$.paths['/v1/admin/tenants/{id}/api-keys'].post.responses['404']").exists()
        .jsonPath("$.paths['/v1/webhooks/stripe/{tenantId}'].post.responses['429']").exists()
        .jsonPath("$.paths['/v1/webhooks/stripe/{tenantId}'].post.parameters[?(@.name == 'Idempotency-Key')]").doesNotExist();
  }

  private Map<?, ?> issue(String key, List<String> scopes) {
    return http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "k", "scopes", scopes))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
  }

  private Map<?, ?> get(String path, String key) {
    return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
  }
}
