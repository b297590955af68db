package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * An anonymous request costs nothing before its limits ran: no body held beyond its route's limit,
 * no idempotency row for a refused or unknown request, no link token kept in a stored answer.
 */
class AnonymousRequestsIntegrationTest extends IntegrationTest {

  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static final String UNKNOWN_TOKEN = "unknownTokenUnknownTokenUnknownTokenUnknown";

  private long idempotencyRows;

  @BeforeEach
  void count() {
    idempotencyRows = sql.count("SELECT count(*) FROM idempotency_keys");
  }

  @Test
  void aMultipartBodyOnARouteThatTakesNoneGetsTheRoutesOwnLimit() {
    byte[] body = new byte[1_500_000]; // over the 1 MB body limit, under the test's multipart limit (2 MB)
    http.post().uri("/v1/public/links/" + UNKNOWN_TOKEN + "/bookings")
        .header("X-Forwarded-For", newClient()).header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz"))
        .bodyValue(body)
        .exchange()
        .expectStatus().isEqualTo(413);
    // Without a declared length the body is cut off at the route's limit too.
    http.post().uri("/v1/public/links/" + UNKNOWN_TOKEN + "/bookings")
        .header("X-Forwarded-For", newClient()).header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz"))
        .body(chunked(body), DataBuffer.class)
        .exchange()
        .expectStatus().isEqualTo(413);
    assertThat(sql.count("SELECT count(*) FROM idempotency_keys")).isEqualTo(idempotencyRows);
  }

  @Test
  void anAmbiguousPathIsRefusedBeforeAnythingElseLooksAtTheRequest() {
    http.post().uri(java.net.URI.create("http://127.0.0.1:" + port + "/v1;x/admin/tenants"))
        .header("X-Forwarded-For", newClient()).header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(new byte[1_500_000]) // over the body limit: the path is refused first, not the size
        .exchange()
        .expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo("https://bookpay.io/problems/malformed-request")
        .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("matrix parameters"));
    assertThat(sql.count("SELECT count(*) FROM idempotency_keys")).isEqualTo(idempotencyRows);
  }

  @Test
  void aRateLimitedClientIsRefusedBeforeItsBodyIsRead() {
    String client = newClient();
    for (int i = 0; i < 10; i++) {
      http.get().uri("/v1/public/links/" + UNKNOWN_TOKEN).header("X-Forwarded-For", client).exchange().expectStatus().isNotFound();
    }
    http.post().uri("/v1/public/links/" + UNKNOWN_TOKEN + "/bookings")
        .header("X-Forwarded-For", client).header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(MediaType.APPLICATION_JSON)
        .body(chunked(new byte[1_500_000]), DataBuffer.class)
        .exchange()
        .expectStatus().isEqualTo(429)
        .expectHeader().exists(HttpHeaders.RETRY_AFTER);
    assertThat(sql.count("SELECT count(*) FROM idempotency_keys")).isEqualTo(idempotencyRows);
  }

  @Test
  void anUnknownLinksAnswerIsNotStored() {
    http.post().uri("/v1/public/links/" + UNKNOWN_TOKEN + "/bookings")
        .header("X-Forwarded-For", newClient()).header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("start", "2030-01-01T10:00:00Z"))
        .exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.instance").isEqualTo("/v1/public/links/{token}/bookings");
    http.post().uri("/v1/public/links/" + UNKNOWN_TOKEN + "/events")
        .header("X-Forwarded-For", newClient()).header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("events", java.util.List.of(Map.of("type", "page.viewed", "occurredAt", "2030-01-01T10:00:00Z"))))
        .exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.instance").isEqualTo("/v1/public/links/{token}/events");
    assertThat(sql.count("SELECT count(*) FROM idempotency_keys")).isEqualTo(idempotencyRows);
  }

  @Test
  void aStoredAnswerOfAPublicLinkDoesNotKeepItsToken() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    Map<?, ?> link = http.post().uri("/v1/links").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("serviceId", catalog.serviceId, "customer", Map.of("name", "Texted", "email", "texted@example.com")))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    String token = (String) link.get("token");
    http.post().uri("/v1/links/{id}/revoke", link.get("id")).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().is2xxSuccessful();

    String key = UUID.randomUUID().toString();
    http.post().uri("/v1/public/links/" + token + "/bookings")
        .header("X-Forwarded-For", newClient()).header("Idempotency-Key", key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("start", "2030-01-01T10:00:00Z"))
        .exchange()
        .expectStatus().isEqualTo(410)
        .expectBody(String.class).value(body -> assertThat(body).doesNotContain(token).contains("/v1/public/links/{token}/bookings"));
    assertThat(sql.rows("SELECT convert_from(response_body, 'UTF8') AS body FROM idempotency_keys WHERE idempotency_key = ?", key))
        .singleElement()
        .satisfies(row -> assertThat((String) row.get("body")).doesNotContain(token).contains("410"));
  }

  @Test
  void aRefusedDashboardSignInStoresNothing() {
    TestTenant tenant = newTenant();
    long sessions = sql.count("SELECT count(*) FROM dashboard_sessions");
    // Without the form's CSRF token, a valid key still opens nothing, and the Idempotency-Key is not claimed.
    http.post().uri("/dashboard/login")
        .header("X-Forwarded-For", newClient()).header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue("key=" + tenant.apiKey())
        .exchange()
        .expectStatus().isForbidden()
        .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
    assertThat(sql.count("SELECT count(*) FROM dashboard_sessions")).isEqualTo(sessions);
    assertThat(sql.count("SELECT count(*) FROM idempotency_keys")).isEqualTo(idempotencyRows);
  }

  @Test
  void theWebhookIgnoresIdempotencyKeys() {
    TestTenant tenant = newTenant();
    String secret = (String) http.post().uri("/v1/webhooks/secrets").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("secret");
    idempotencyRows = sql.count("SELECT count(*) FROM idempotency_keys");
    String event = "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"type\":\"customer.updated\",\"data\":{\"object\":{}}}";
    String key = UUID.randomUUID().toString();
    for (int i = 0; i < 2; i++) {
      http.post().uri("/v1/webhooks/stripe/{tenantId}", tenant.id())
          .header("Stripe-Signature", signature(event, secret)).header("Idempotency-Key", key)
          .contentType(MediaType.APPLICATION_JSON).bodyValue(event)
          .exchange()
          .expectStatus().isOk()
          .expectHeader().doesNotExist("Idempotent-Replayed")
          .expectBody().jsonPath("$.duplicate").isEqualTo(i == 1);
    }
    assertThat(sql.count("SELECT count(*) FROM idempotency_keys")).isEqualTo(idempotencyRows);
  }

  /** A client address of this test's own (198.18.0.0/15, for benchmarks): other tests' limits are not touched. */
  private static String newClient() {
    int n = CLIENTS.incrementAndGet();
    return "198.18." + (n / 250) + "." + (n % 250 + 1);
  }

  private static Flux<DataBuffer> chunked(byte[] body) {
    int chunk = 64 * 1024;
    return Flux.range(0, (body.length + chunk - 1) / chunk)
        .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(java.nio.ByteBuffer.wrap(body, i * chunk, Math.min(chunk, body.length - i * chunk))));
  }

  private static String signature(String payload, String secret) {
    try {
      long now = Instant.now().getEpochSecond();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t=" + now + ",v1=" + HexFormat.of().formatHex(mac.doFinal((now + "." + payload).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
