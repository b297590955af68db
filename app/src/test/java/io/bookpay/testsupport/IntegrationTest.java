package io.bookpay.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Base of the tests that run the whole app over real HTTP against the run's PostgreSQL and Kafka.
 * All such tests share one Spring context; each creates its own tenants, so none sees another's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure infra = TestInfrastructure.get();
    infra.register(registry, infra.defaultSchema());
  }

  @LocalServerPort protected int port;

  protected WebTestClient http;
  protected final Sql sql = Sql.of(TestInfrastructure.get().defaultSchema());

  @BeforeEach
  void httpClient() {
    http = client(port);
  }

  /**
   * A client on its own connections. Tests start and stop whole servers in this JVM; a pooled
   * keep-alive connection to a stopped server could be picked for a new server that took the same
   * port, and wait forever for an answer. One connection per request rules that out.
   */
  public static WebTestClient client(int port) {
    return WebTestClient.bindToServer(connector())
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        // The API description outgrew the default 256 KB a client buffers; tests read it whole.
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
        .build();
  }

  /** A WebClient for firing concurrent requests, with the same unpooled connections. */
  public static WebClient webClient(int port) {
    return WebClient.builder().clientConnector(connector()).baseUrl("http://127.0.0.1:" + port).build();
  }

  private static ReactorClientHttpConnector connector() {
    return new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()));
  }

  /** A tenant created through the admin API, with its first (all-scopes) key. */
  public record TestTenant(UUID id, String apiKey) {}

  protected TestTenant newTenant() {
    return newTenant(http);
  }

  public static TestTenant newTenant(WebTestClient http) {
    Map<?, ?> body =
        http.post().uri("/v1/admin/tenants")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestInfrastructure.get().adminToken())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "Clinic " + UUID.randomUUID()))
            .exchange()
            .expectStatus().isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return new TestTenant(UUID.fromString((String) body.get("id")), (String) body.get("apiKey"));
  }

  /** Registers a customer and returns its id. */
  public static UUID newCustomer(WebTestClient http, TestTenant tenant, String name, String email) {
    Map<?, ?> body =
        http.post().uri("/v1/customers")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "email", email))
            .exchange()
            .expectStatus().isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return UUID.fromString((String) body.get("id"));
  }
}
