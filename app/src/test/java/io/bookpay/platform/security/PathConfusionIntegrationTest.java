package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every route family of the OpenAPI description, attacked with paths the router and a naive filter
 * could read differently (percent-encoded segments in upper and lower hex, matrix parameters on each
 * segment, encoded slashes, doubled and trailing slashes, dot segments), without a credential, with
 * a tenant's key and with a one-scope key. None may succeed, none may fail with a 5xx, and none may
 * write. A new route joins by being described; there is no list to keep here.
 */
class PathConfusionIntegrationTest extends IntegrationTest {

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** Variant kinds; every one is applied to every route. */
  enum Kind { ENCODED_UPPER, ENCODED_LOWER, MATRIX, ENCODED_SLASH, DOUBLE_SLASH, TRAILING_SLASH, DOT_SEGMENT, DOT_DOT_SEGMENT }

  /**
   * One request; each comes from an address of its own (198.19.0.0/16, for benchmarks), so the
   * public routes' per-address limits neither refuse the corpus nor spend other tests' budgets.
   */
  record Attack(String method, String template, Kind kind, String path, String credential, String credentialName, String idempotencyKey,
      String client) {
    private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();

    Attack(String method, String template, Kind kind, String path, String credential, String credentialName) {
      this(method, template, kind, path, credential, credentialName, UUID.randomUUID().toString(), client(CLIENTS.incrementAndGet()));
    }

    private static String client(int n) {
      return "198.19." + (n / 250 % 250) + "." + (n % 250 + 1);
    }
  }

  record Outcome(Attack attack, int status, String body) {}

  private final Random random = new Random(20261201L);

  @Test
  void noPathVariantOfAnyRouteSucceedsFailsOrWrites() {
    TestTenant tenant = newTenant();
    String narrowKey = narrowKey(tenant);
    Map<String, Set<String>> routes = describedRoutes();
    assertThat(routes).containsKeys("/v1/admin/tenants", "/v1/customers/{id}", "/v1/public/links/{token}/bookings",
        "/v1/webhooks/stripe/{tenantId}", "/v1/tenant", "/v1/analytics/events", "/v1/analytics/events/export",
        "/v1/public/links/{token}/events", "/b/{token}", "/b/booking/{token}/cancel", "/dashboard", "/dashboard/login",
        "/dashboard/logout", "/dashboard/{view}.csv", "/v1/admin/projections/backfill", "/v1/reports/bookings", "/v1/reports/funnel",
        "/v1/reports/claims", "/v1/reports/utilisation", "/v1/admin/projections/dead-letters",
        "/v1/admin/projections/dead-letters/{id}/retry");
    assertThat(routes.get("/v1/tenant")).contains("patch");

    long tenants = count("tenants");
    long apiKeys = count("api_keys");
    long idempotencyKeys = count("idempotency_keys");
    long inbox = count("webhook_inbox");
    long outbox = sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id());

    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("none", null);
    credentials.put("tenant key", tenant.apiKey());
    credentials.put("narrow key", narrowKey);

    List<Attack> attacks = new ArrayList<>();
    Set<Kind> kindsSeen = new LinkedHashSet<>();
    routes.forEach((template, methods) -> {
      String concrete = concrete(template, tenant.id());
      for (String method : methods) {
        for (Kind kind : Kind.values()) {
          for (String variant : variants(concrete, kind)) {
            credentials.forEach((name, credential) -> attacks.add(new Attack(method, template, kind, variant, credential, name)));
            kindsSeen.add(kind);
          }
        }
        // The plain path with no credential: only the public list answers without one.
        attacks.add(new Attack(method, template, null, concrete, null, "none"));
        if (template.startsWith("/v1/admin/") || isDashboard(template)) {
          attacks.add(new Attack(method, template, null, concrete, tenant.apiKey(), "tenant key"));
          attacks.add(new Attack(method, template, null, concrete, narrowKey, "narrow key"));
        }
      }
    });
    assertThat(kindsSeen).containsExactlyInAnyOrder(Kind.values());

    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    WebClient client = webClient(port);
    Flux.fromIterable(attacks)
        .flatMap(attack -> send(client, attack).doOnNext(outcomes::add), 8)
        .blockLast();
    assertThat(outcomes).hasSize(attacks.size());

    List<String> failures = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      Attack attack = outcome.attack();
      String what = attack.method().toUpperCase(Locale.ROOT) + " " + attack.path() + " (" + attack.kind() + ", " + attack.credentialName()
          + ") -> " + outcome.status() + " " + abbreviate(outcome.body());
      if (outcome.status() >= 500) {
        failures.add("5xx: " + what);
      } else if (attack.kind() != null) {
        if (outcome.status() != 400 || !outcome.body().contains("/problems/malformed-request")) {
          failures.add("not refused as malformed: " + what);
        }
      } else if (isDashboard(attack.template()) && !attack.template().equals("/dashboard/login") && outcome.status() != 303) {
        failures.add("a dashboard page without a session not sent to the sign-in form: " + what);
      } else if (outcome.status() < 300 && !isPublic(attack.template())) {
        failures.add("2xx without the right credential: " + what);
      } else if (!isPublic(attack.template()) && outcome.status() != 401 && outcome.status() != 403) {
        failures.add("neither 401 nor 403 without the right credential: " + what);
      }
    }
    assertThat(failures).as("%d of %d attacks", failures.size(), attacks.size()).isEmpty();

    assertThat(count("tenants")).isEqualTo(tenants);
    assertThat(count("api_keys")).isEqualTo(apiKeys);
    assertThat(count("idempotency_keys")).isEqualTo(idempotencyKeys);
    assertThat(count("webhook_inbox")).isEqualTo(inbox);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id())).isEqualTo(outbox);
  }

  private Mono<Outcome> send(WebClient client, Attack attack) {
    WebClient.RequestBodySpec request = client.method(HttpMethod.valueOf(attack.method().toUpperCase(Locale.ROOT)))
        .uri(URI.create("http://127.0.0.1:" + port + attack.path()))
        .header("Idempotency-Key", attack.idempotencyKey())
        .header("X-Forwarded-For", attack.client());
    if (attack.credential() != null) {
      request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + attack.credential());
    }
    WebClient.RequestHeadersSpec<?> ready = attack.method().equals("get") || attack.method().equals("delete")
        ? request
        : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Path confusion\"}");
    return ready.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
        .map(body -> new Outcome(attack, response.statusCode().value(), body)));
  }

  /** The described operations, by path template. */
  private Map<String, Set<String>> describedRoutes() {
    // springdoc builds the description in the background at startup, under a lock that a request
    // arriving meanwhile would wait for; ask until it is there.
    Map<?, ?> description = await().atMost(Duration.ofSeconds(30)).until(
        () -> http.get().uri("/v3/api-docs").exchange().returnResult(Map.class),
        result -> result.getStatus().value() == 200).getResponseBody().blockFirst();
    Map<String, Set<String>> routes = new LinkedHashMap<>();
    ((Map<?, ?>) description.get("paths")).forEach((path, item) -> {
      Set<String> methods = new LinkedHashSet<>();
      ((Map<?, ?>) item).keySet().stream().map(String::valueOf).filter(METHODS::contains).forEach(methods::add);
      routes.put((String) path, methods);
    });
    return routes;
  }

  private String concrete(String template, UUID tenantId) {
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = switch (matcher.group(1)) {
        case "token" -> "tok" + UUID.randomUUID().toString().replace("-", "");
        case "tenantId" -> tenantId.toString();
        default -> UUID.randomUUID().toString();
      };
      matcher.appendReplacement(out, value);
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * The variants of one kind: encodings and matrix parameters on every segment; the kinds that
   * move slashes or add dot segments at one random place.
   */
  private List<String> variants(String path, Kind kind) {
    String[] segments = path.substring(1).split("/");
    List<String> out = new ArrayList<>();
    switch (kind) {
      case ENCODED_UPPER, ENCODED_LOWER, MATRIX -> {
        for (int i = 0; i < segments.length; i++) {
          String[] copy = segments.clone();
          copy[i] = switch (kind) {
            case ENCODED_UPPER -> encode(copy[i], true, random.nextBoolean());
            case ENCODED_LOWER -> encode(copy[i], false, random.nextBoolean());
            default -> copy[i] + ";x=1";
          };
          out.add("/" + String.join("/", copy));
        }
      }
      case ENCODED_SLASH -> {
        int at = 1 + random.nextInt(Math.max(1, segments.length - 1));
        String slash = random.nextBoolean() ? "%2F" : "%2f";
        out.add("/" + String.join("/", List.of(segments).subList(0, at)) + slash + String.join("/", List.of(segments).subList(at, segments.length)));
      }
      case DOUBLE_SLASH -> {
        int at = random.nextInt(segments.length);
        out.add(join(segments, at, "/"));
      }
      case TRAILING_SLASH -> out.add(path + "/");
      case DOT_SEGMENT -> out.add(join(segments, random.nextInt(segments.length), "./"));
      case DOT_DOT_SEGMENT -> out.add(join(segments, random.nextInt(segments.length), "x/../"));
    }
    return out;
  }

  /** The path with {@code insert} placed just before segment {@code at}. */
  private static String join(String[] segments, int at, String insert) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      out.append('/');
      if (i == at) {
        out.append(insert);
      }
      out.append(segments[i]);
    }
    return out.toString();
  }

  /** Percent-encodes one character of the segment, or all of them. */
  private String encode(String segment, boolean upper, boolean all) {
    int only = random.nextInt(segment.length());
    StringBuilder out = new StringBuilder();
    byte[] bytes = segment.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length; i++) {
      if (all || i == only) {
        String hex = String.format("%%%02X", bytes[i]);
        out.append(upper ? hex : hex.toLowerCase(Locale.ROOT));
      } else {
        out.append((char) bytes[i]);
      }
    }
    return out.toString();
  }

  private static boolean isPublic(String template) {
    return template.startsWith("/v1/public/links/") || template.startsWith("/b/") || template.equals("/v1/webhooks/stripe/{tenantId}")
        || isDashboard(template);
  }

  /** The dashboard's pages: public to the API's filter, behind the dashboard's session (an API key never opens them). */
  private static boolean isDashboard(String template) {
    return template.equals("/dashboard") || template.startsWith("/dashboard/");
  }

  private String narrowKey(TestTenant tenant) {
    Map<?, ?> body = http.post().uri("/v1/api-keys")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "narrow", "scopes", List.of("customers:read")))
        .exchange()
        .expectStatus().isCreated()
        .expectBody(Map.class).returnResult().getResponseBody();
    return (String) body.get("key");
  }

  private long count(String table) {
    return sql.count("SELECT count(*) FROM " + table);
  }

  private static String abbreviate(String body) {
    return body.length() > 160 ? body.substring(0, 160) + "..." : body;
  }
}
