package io.bookpay.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bad input gets the right 4xx as problem+json, never a 5xx, and writes nothing. */
class BadInputIntegrationTest extends IntegrationTest {

  private TestTenant tenant;

  @BeforeEach
  void tenant() {
    tenant = newTenant();
  }

  static Stream<Arguments> badRequests() {
    String oversized = "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"email\":\"big@example.com\"}";
    return Stream.of(
        // description, method, path, content type, body, status, problem type, field with an error (or null)
        Arguments.of("malformed JSON", "POST", "/v1/customers", "application/json", "{\"name\": \"Ada\",", 400, "malformed-request", null),
        Arguments.of("not an object", "POST", "/v1/customers", "application/json", "[1,2,3]", 400, "malformed-request", null),
        Arguments.of("empty body", "POST", "/v1/customers", "application/json", "", 400, "malformed-request", null),
        Arguments.of("missing name", "POST", "/v1/customers", "application/json", "{\"email\":\"a@example.com\"}", 400, "validation", "name"),
        Arguments.of("no way to reach", "POST", "/v1/customers", "application/json", "{\"name\":\"Ada\"}", 400, "validation", "reachable"),
        Arguments.of("bad email", "POST", "/v1/customers", "application/json", "{\"name\":\"Ada\",\"email\":\"not-an-email\"}", 400, "validation", "email"),
        Arguments.of("bad phone", "POST", "/v1/customers", "application/json", "{\"name\":\"Ada\",\"phone\":\"call me\"}", 400, "validation", "phone"),
        Arguments.of("name too long", "POST", "/v1/customers", "application/json", "{\"name\":\"" + "n".repeat(201) + "\",\"email\":\"a@example.com\"}", 400, "validation", "name"),
        Arguments.of("name of wrong type", "POST", "/v1/customers", "application/json", "{\"name\":{\"first\":\"Ada\"},\"email\":\"a@example.com\"}", 400, "malformed-request", "name"),
        Arguments.of("email of wrong type", "POST", "/v1/customers", "application/json", "{\"name\":\"Ada\",\"email\":[\"a@example.com\"]}", 400, "malformed-request", "email"),
        Arguments.of("oversized body", "POST", "/v1/customers", "application/json", oversized, 413, "payload-too-large", null),
        Arguments.of("wrong content type", "POST", "/v1/customers", "text/plain", "name=Ada", 415, "unsupported-media-type", null),
        Arguments.of("form content type", "POST", "/v1/customers", "application/x-www-form-urlencoded", "name=Ada", 415, "unsupported-media-type", null),
        Arguments.of("wrong method", "DELETE", "/v1/customers", null, null, 405, "method-not-allowed", null),
        Arguments.of("unknown path", "GET", "/v1/no-such-thing", null, null, 404, "not-found", null),
        Arguments.of("id not a UUID", "GET", "/v1/customers/42", null, null, 400, "validation", "id"),
        Arguments.of("unknown customer", "GET", "/v1/customers/0190f3a2-0000-7000-8000-000000000000", null, null, 404, "not-found", null),
        Arguments.of("limit out of range", "GET", "/v1/customers?limit=100000", null, null, 400, "validation", "limit"),
        Arguments.of("garbage cursor", "GET", "/v1/customers?cursor=%25%25", null, null, 400, "validation", null),
        Arguments.of("bad report date", "GET", "/v1/reports/events?from=2026-02-30", null, null, 400, "validation", "from"),
        Arguments.of("report range reversed", "GET", "/v1/reports/events?from=2026-03-02&to=2026-03-01", null, null, 400, "validation", "from"),
        Arguments.of("report range too long", "GET", "/v1/reports/events?from=2020-01-01&to=2026-01-01", null, null, 400, "validation", "to"),
        Arguments.of("unknown scope", "POST", "/v1/api-keys", "application/json", "{\"name\":\"k\",\"scopes\":[\"everything\"]}", 400, "validation", "scopes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badInputIsAProblemAndWritesNothing(
      String description, String method, String path, String contentType, String body, int status, String type, String field) {
    long customersBefore = sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id());
    long outboxBefore = sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id());
    long keysBefore = sql.count("SELECT count(*) FROM api_keys WHERE tenant_id = ?", tenant.id());

    WebTestClient.RequestBodySpec request =
        http.method(HttpMethod.valueOf(method)).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey());
    if (contentType != null) {
      request = request.header(HttpHeaders.CONTENT_TYPE, contentType);
    }
    WebTestClient.ResponseSpec response = body != null ? request.bodyValue(body).exchange() : request.exchange();

    var result = response
        .expectStatus().isEqualTo(status)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo("https://bookpay.io/problems/" + type)
        .jsonPath("$.status").isEqualTo(status)
        .jsonPath("$.title").isNotEmpty()
        .jsonPath("$.trace").doesNotExist()
        .jsonPath("$.exception").doesNotExist();
    if (field != null) {
      result.jsonPath("$.errors[?(@.field == '" + field + "')]").exists();
    }

    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isEqualTo(customersBefore);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id())).isEqualTo(outboxBefore);
    assertThat(sql.count("SELECT count(*) FROM api_keys WHERE tenant_id = ?", tenant.id())).isEqualTo(keysBefore);
  }

  @org.junit.jupiter.api.Test
  void aChunkedBodyOverTheLimitIs413Too() {
    byte[] big = ("{\"name\":\"" + "x".repeat(1_100_000) + "\",\"email\":\"big@example.com\"}").getBytes();
    http.post().uri("/v1/customers")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .body(reactor.core.publisher.Flux.just(big).map(bytes ->
            org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(bytes)), org.springframework.core.io.buffer.DataBuffer.class)
        .exchange()
        .expectStatus().isEqualTo(413)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(sql.count("SELECT count(*) FROM customers WHERE tenant_id = ?", tenant.id())).isZero();
  }
}
