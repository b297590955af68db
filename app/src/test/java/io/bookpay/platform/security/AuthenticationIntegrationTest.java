package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Who may call what: API keys, scopes, tenant isolation and the operator token. */
class AuthenticationIntegrationTest extends IntegrationTest {

  @Test
  void missingOrWrongKeysAre401() {
    TestTenant tenant = newTenant();
    String wellFormedButUnknown = "bpk_AAAAAAAAAAA_" + "A".repeat(43);
    String rightPrefixWrongSecret = tenant.apiKey().substring(0, 16) + "B".repeat(43);
    for (String header : List.of("", "Bearer ", "Basic abc", "Bearer nonsense", "Bearer " + wellFormedButUnknown, "Bearer " + rightPrefixWrongSecret)) {
      WebTestClient.RequestHeadersSpec<?> request = http.get().uri("/v1/customers");
      if (!header.isEmpty()) {
        request = request.header(HttpHeaders.AUTHORIZATION, header);
      }
      request.exchange()
          .expectStatus().isUnauthorized()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/unauthenticated");
    }
  }

  @Test
  void anotherTenantsCustomerReadsAs404() {
    TestTenant owner = newTenant();
    TestTenant stranger = newTenant();
    UUID customer = newCustomer(http, owner, "Private", "private@example.com");

    http.get().uri("/v1/customers/{id}", customer)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger.apiKey())
        .exchange()
        .expectStatus().isNotFound()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.type").isEqualTo("https://bookpay.io/problems/not-found");
    http.get().uri("/v1/customers?email=private@example.com")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger.apiKey())
        .exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.items.length()").isEqualTo(0);
  }

  @Test
  void adminEndpointsNeedTheOperatorToken() {
    for (String header : List.of("", "Bearer wrong-token", "Bearer " + newTenant().apiKey())) {
      WebTestClient.RequestBodySpec request = http.post().uri("/v1/admin/tenants").contentType(MediaType.APPLICATION_JSON);
      if (!header.isEmpty()) {
        request = request.header(HttpHeaders.AUTHORIZATION, header);
      }
      request.bodyValue(Map.of("name", "Sneaky")).exchange().expectStatus().isUnauthorized();
    }
    assertThat(sql.count("SELECT count(*) FROM tenants WHERE name = 'Sneaky'")).isZero();
  }

  @Test
  void keysAreStoredHashedAndScopesAreEnforced() {
    TestTenant tenant = newTenant();
    // Only the SHA-256 and the public prefix are stored.
    assertThat(sql.count("SELECT count(*) FROM api_keys WHERE tenant_id = ? AND position(prefix in ?) = 5 AND key_hash = sha256(convert_to(?, 'UTF8'))",
        tenant.id(), tenant.apiKey(), tenant.apiKey())).isEqualTo(1);

    Map<?, ?> readOnly =
        http.post().uri("/v1/api-keys")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "reporting", "scopes", List.of("customers:read")))
            .exchange()
            .expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
    String readKey = (String) readOnly.get("key");

    http.get().uri("/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + readKey)
        .exchange().expectStatus().isOk();
    http.post().uri("/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + readKey)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "Nope", "email", "nope@example.com"))
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.requiredScope").isEqualTo("customers:write");
    // A narrow key cannot mint a broader one.
    http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + readKey)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "escalate", "scopes", List.of("customers:write")))
        .exchange().expectStatus().isForbidden();
    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isZero();

    // A revoked key is 401 from then on.
    http.post().uri("/v1/api-keys/{id}/revoke", readOnly.get("id"))
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isNoContent();
    http.get().uri("/v1/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + readKey)
        .exchange().expectStatus().isUnauthorized();
  }
}
