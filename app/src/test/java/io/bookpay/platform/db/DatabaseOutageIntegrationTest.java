package io.bookpay.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.Infrastructure;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TcpProxy;
import io.bookpay.testsupport.TestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL goes away under the app (its backends are terminated, then it cannot be reached at
 * all) and comes back: requests never answer 500; while it is unreachable they fail fast with 503
 * problem+json and Retry-After, readiness is DOWN; afterwards the app serves again by itself. The
 * database is cut through a TCP proxy between this app instance and PostgreSQL, so the rest of the
 * test run keeps its database.
 */
class DatabaseOutageIntegrationTest {

  /** What came back for one request, and how long it took. */
  record Answer(String request, int status, String contentType, String retryAfter, String body, Duration took) {}

  private static final String IP = "198.51.100.20";

  @Test
  void anUnreachableDatabaseIs503WithRetryAfterNever500AndTheAppRecovers() {
    TestInfrastructure infra = TestInfrastructure.get();
    Infrastructure.Database db = infra.database();
    URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    String schema = infra.isolatedSchema("dboutage");
    try (TcpProxy proxy = TcpProxy.start(target.getHost(), target.getPort());
        AppInstance app = AppInstance.start(schema, infra.kafkaBootstrapServers(),
            "--bookpay.db.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()),
            "--bookpay.links.trusted-proxies=127.0.0.1,::1")) {
      WebTestClient http = app.http();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(http);
      CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
      UUID customer = IntegrationTest.newCustomer(http, tenant, "Ada", "ada@example.com");
      String token = (String) http.post().uri("/v1/links").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
          .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("serviceId", catalog.serviceId))
          .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("token");
      List<Request> requests = requests(tenant, catalog, customer, token);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
      assertThat(fire(app, requests, 1)).allSatisfy(a -> assertThat(a.status()).as(a.request()).isBetween(200, 299));

      // 1. Every backend of this app is terminated (57P01, as a restart does), the database stays up.
      Sql sql = Sql.of(schema);
      String ports = proxy.upstreamPorts().stream().map(String::valueOf).collect(Collectors.joining(","));
      assertThat(sql.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE client_port IN (" + ports + ")"))
          .isPositive();
      List<Answer> afterTermination = fire(app, requests, 4);
      assertThat(afterTermination).allSatisfy(a -> assertThat(a.status()).as(a.request() + ": " + a.body()).isIn(200, 201, 503));
      afterTermination.stream().filter(a -> a.status() == 503).forEach(DatabaseOutageIntegrationTest::assertUnavailable);

      // 2. The database cannot be reached at all: every request is a quick 503, readiness is DOWN.
      proxy.cut();
      List<Answer> duringOutage = fire(app, requests, 4);
      assertThat(duringOutage).hasSize(requests.size() * 4).allSatisfy(DatabaseOutageIntegrationTest::assertUnavailable);
      assertThat(duringOutage).allSatisfy(a -> assertThat(a.took()).as(a.request()).isLessThan(Duration.ofSeconds(8)));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          http.get().uri("/actuator/health/readiness")
              .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestInfrastructure.get().adminToken()) // components are the operator's
              .exchange().expectStatus().isEqualTo(503)
              .expectBody().jsonPath("$.status").isEqualTo("DOWN").jsonPath("$.components.r2dbc.status").isEqualTo("DOWN"));

      // 3. It is back: the app reconnects by itself.
      proxy.restore();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(fire(app, requests, 1)).allSatisfy(a -> assertThat(a.status()).as(a.request() + ": " + a.body()).isBetween(200, 299)));
      http.get().uri("/v1/customers/" + customer).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange()
          .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Ada");
    }
  }

  private static void assertUnavailable(Answer a) {
    assertThat(a.status()).as(a.request() + ": " + a.body()).isEqualTo(503);
    assertThat(a.contentType()).as(a.request()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    assertThat(a.retryAfter()).as(a.request()).isNotBlank();
    assertThat(a.body()).contains("\"type\":\"https://bookpay.io/problems/unavailable\"").doesNotContain("Exception", "at io.");
  }

  /** One kind of request: reads and writes, authenticated and public. */
  record Request(String name, HttpMethod method, String path, String apiKey, Object body) {}

  private static List<Request> requests(IntegrationTest.TestTenant tenant, CatalogFixture catalog, UUID customer, String token) {
    Instant day = CatalogFixture.nextWeekAt(0, 0);
    String key = tenant.apiKey();
    return List.of(
        new Request("read a customer", HttpMethod.GET, "/v1/customers/" + customer, key, null),
        new Request("list bookings", HttpMethod.GET, "/v1/bookings?limit=5", key, null),
        new Request("register a customer", HttpMethod.POST, "/v1/customers", key, "new-customer"),
        new Request("create a service", HttpMethod.POST, "/v1/services", key, Map.of("name", "Peel", "durationMinutes", 30,
            "priceAmount", 5_000, "currency", "EUR")),
        new Request("public slots", HttpMethod.GET, "/v1/public/links/" + token + "/slots?from=" + day + "&to=" + day.plus(Duration.ofDays(1)),
            null, null));
  }

  /** Fires {@code times} of each request at once; returns every answer. */
  private static List<Answer> fire(AppInstance app, List<Request> requests, int times) {
    WebClient client = IntegrationTest.webClient(app.port());
    List<Request> all = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      all.addAll(requests);
    }
    return Flux.fromIterable(all).flatMap(r -> send(client, r)).collectList().block(Duration.ofSeconds(60));
  }

  private static Mono<Answer> send(WebClient client, Request r) {
    long started = System.nanoTime();
    WebClient.RequestBodySpec spec = client.method(r.method()).uri(r.path()).header("X-Forwarded-For", IP);
    if (r.apiKey() != null) {
      spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + r.apiKey());
    }
    WebClient.RequestHeadersSpec<?> ready = r.body() == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(
        "new-customer".equals(r.body()) ? Map.of("name", "New", "email", "new-" + UUID.randomUUID() + "@example.com") : r.body());
    return ready.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
        .map(body -> new Answer(r.name(), response.statusCode().value(),
            String.valueOf(response.headers().contentType().map(MediaType::toString).orElse("")),
            response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body,
            Duration.ofNanos(System.nanoTime() - started))));
  }
}
