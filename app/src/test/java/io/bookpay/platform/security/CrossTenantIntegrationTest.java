package io.bookpay.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TenantApi;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every described route that names a row in its path, called by another tenant with the ids of
 * tenant A's rows: the answer must be the one an id that exists nowhere gets (same status, same
 * body once the ids are replaced by their names), never a 2xx, and A's rows must read the same
 * afterwards. Request bodies are the description's own examples, so a route that checks its body
 * before the row still meets a valid body. A new route joins by being described; a path variable
 * whose row this test cannot make fails it, naming the template.
 */
class CrossTenantIntegrationTest extends IntegrationTest {

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /**
   * Routes whose path variables are not a tenant's row: operator routes, and public ones reached by
   * token or signature (the link API, the booking pages, Stripe's webhooks), and the dashboard's pages
   * (a session cookie, not a key; {@code {view}} names a report, not a row).
   */
  private static boolean outOfScope(String template) {
    return template.startsWith("/v1/admin/") || template.startsWith("/v1/public/") || template.startsWith("/v1/webhooks/stripe/")
        || template.startsWith("/b/") || template.startsWith("/dashboard/");
  }

  record Call(String method, String template, String path, Object body, String contentType) {}

  record Answer(int status, String body) {}

  @Test
  void noRouteAnswersOrChangesAnotherTenantsRowsDifferentlyFromRowsThatDoNotExist() {
    Map<String, Map<String, Object>> description = description();
    TenantApi a = new TenantApi(http, newTenant());
    Map<String, String> rows = rowsOf(a);
    TestTenant b = newTenant();

    List<Call> calls = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    description.forEach((template, operations) -> {
      if (outOfScope(template) || !VARIABLE.matcher(template).find()) {
        return;
      }
      operations.forEach((method, operation) -> {
        String path = fill(template, rows);
        if (path == null) {
          missing.add(template);
          return;
        }
        calls.add(new Call(method, template, path, example(operation), contentType(operation)));
      });
    });
    assertThat(missing).as("path variables without a row of tenant A here: make one in rowsOf").isEmpty();
    assertThat(calls).extracting(Call::template).contains("/v1/customers/{id}", "/v1/bookings/{id}/cancel",
        "/v1/invoices/{id}/payments", "/v1/payments/{id}/refunds", "/v1/claims/{id}/documents/{documentId}/content",
        "/v1/insurance-plans/{planId}/benefits/{id}", "/v1/providers/{id}/time-off/{timeOffId}", "/v1/webhooks/events/{id}/replay");

    Map<String, Answer> before = readAll(a, calls);
    long outbox = sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", a.tenant.id());

    WebClient client = webClient(port);
    List<String> failures = new ArrayList<>();
    for (Call call : calls) {
      Answer theirs = send(client, b, call, call.path());
      Map<String, String> strangers = new LinkedHashMap<>();
      String unknownPath = call.path();
      for (String id : rows.values()) {
        if (unknownPath.contains(id)) {
          String stranger = UUID.randomUUID().toString();
          strangers.put(stranger, id);
          unknownPath = unknownPath.replace(id, stranger);
        }
      }
      Answer nobodys = send(client, b, call, unknownPath);
      String what = call.method().toUpperCase(Locale.ROOT) + " " + call.template();
      if (theirs.status() < 300) {
        failures.add(what + ": " + theirs.status() + " for another tenant's row: " + theirs.body());
      } else if (theirs.status() >= 500) {
        failures.add(what + ": " + theirs.status() + " " + theirs.body());
      } else if (theirs.status() != nobodys.status() || !named(theirs.body(), rows).equals(named(swapped(nobodys.body(), strangers), rows))) {
        failures.add(what + ": another tenant's row answers " + theirs.status() + " " + theirs.body()
            + " but a row that does not exist " + nobodys.status() + " " + nobodys.body());
      }
    }
    assertThat(failures).as("%d of %d calls", failures.size(), calls.size()).isEmpty();

    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", a.tenant.id())).isEqualTo(outbox);
    assertThat(readAll(a, calls)).isEqualTo(before);
  }

  /** One row of tenant A for every kind a described path names, keyed by the path segment before the variable. */
  private static Map<String, String> rowsOf(TenantApi a) {
    Map<String, String> rows = new LinkedHashMap<>();
    String location = a.location();
    String service = a.service();
    String provider = a.provider(location, service);
    String customer = a.customer();
    rows.put("locations", location);
    rows.put("services", service);
    rows.put("providers", provider);
    rows.put("customers", customer);
    Instant away = Instant.parse("2030-01-01T09:00:00Z");
    rows.put("time-off", a.id("/v1/providers/" + provider + "/time-off",
        Map.of("start", away.toString(), "end", away.plusSeconds(3600).toString(), "reason", "away")));
    rows.put("bookings", a.bookings(1).get(0));
    rows.put("links", a.id("/v1/links", Map.of("serviceId", service)));
    rows.put("api-keys", a.id("/v1/api-keys", Map.of("name", "reports " + a.unique(), "scopes", List.of("reports:read"))));
    String invoice = a.openInvoice(customer, 3_000);
    String payment = a.id("/v1/invoices/" + invoice + "/payments", Map.of("method", "CASH", "amount", 1_000));
    rows.put("invoices", invoice);
    rows.put("payments", payment);
    rows.put("refunds", a.id("/v1/payments/" + payment + "/refunds", Map.of("amount", 100, "reason", "goodwill")));
    rows.put("coupons", a.id("/v1/coupons", Map.of("code", "C" + a.unique(), "percentOff", 10)));
    rows.put("gift-cards", a.giftCard());
    String pkg = a.packageOf(service);
    String tier = a.tier();
    rows.put("packages", pkg);
    rows.put("membership-tiers", tier);
    String buyer = a.customer();
    a.paidInvoice(buyer, List.of(
        Map.of("kind", "PACKAGE", "description", "Pack", "quantity", 1, "unitAmount", 5_000, "refId", pkg),
        Map.of("kind", "MEMBERSHIP", "description", "Tier", "quantity", 1, "unitAmount", 2_000, "refId", tier)), 7_000);
    rows.put("package-purchases", a.idsOf("/v1/package-purchases?customerId=" + buyer, 1).get(0));
    rows.put("memberships", a.idsOf("/v1/memberships?customerId=" + buyer, 1).get(0));
    String[] claimable = a.claimable();
    String plan = claimable[2];
    rows.put("insurance-plans", plan);
    rows.put("coverage-rules", a.rule(plan, a.service()));
    rows.put("benefits", a.id("/v1/insurance-plans/" + plan + "/benefits", Map.of("description", "Eyewear", "discountPercent", 15)));
    rows.put("enrolments", a.enrol(a.customer(), plan));
    String claim = a.claim(claimable);
    rows.put("claims", claim);
    rows.put("documents", a.document(claim));
    Map<String, Object> secret = a.created("/v1/webhooks/secrets", Map.of());
    rows.put("secrets", String.valueOf(secret.get("id")));
    a.stripeEvent((String) secret.get("secret"));
    rows.put("events", a.idsOf("/v1/webhooks/events", 1).get(0));
    return rows;
  }

  /** The template with A's rows in it: each variable takes the row of the segment before it; null when one has none. */
  private static String fill(String template, Map<String, String> rows) {
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String before = template.substring(0, matcher.start() - 1);
      String segment = before.substring(before.lastIndexOf('/') + 1);
      String row = rows.get(segment);
      if (row == null) {
        return null;
      }
      matcher.appendReplacement(out, row);
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Replaces each key found in the body by its value's name, so two answers about different ids compare. */
  private static String named(String body, Map<String, String> names) {
    String out = body;
    for (Map.Entry<String, String> e : names.entrySet()) {
      out = out.replace(e.getKey(), "{" + e.getValue() + "}");
    }
    return out;
  }

  /** The body with each key found in it replaced by its value. */
  private static String swapped(String body, Map<String, String> replacements) {
    String out = body;
    for (Map.Entry<String, String> e : replacements.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  /** What A reads at every described GET that names a row, as A: must not change while B calls. */
  private Map<String, Answer> readAll(TenantApi a, List<Call> calls) {
    WebClient client = webClient(port);
    Map<String, Answer> reads = new LinkedHashMap<>();
    for (Call call : calls) {
      if (call.method().equals("get")) {
        reads.put(call.path(), send(client, a.tenant, new Call("get", call.template(), call.path(), null, null), call.path()));
      }
    }
    return reads;
  }

  private Answer send(WebClient client, TestTenant caller, Call call, String path) {
    WebClient.RequestBodySpec request = client.method(HttpMethod.valueOf(call.method().toUpperCase(Locale.ROOT)))
        .uri(URI.create("http://127.0.0.1:" + port + path))
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + caller.apiKey())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .header(HttpHeaders.IF_MATCH, "\"0\"");
    WebClient.RequestHeadersSpec<?> ready = request;
    if (call.contentType() != null && call.contentType().startsWith("multipart/")) {
      MultipartBodyBuilder parts = new MultipartBodyBuilder();
      parts.part("file", new ByteArrayResource("%PDF-1.4 a letter".getBytes(StandardCharsets.US_ASCII)) {
        @Override
        public String getFilename() {
          return "letter.pdf";
        }
      }).contentType(MediaType.APPLICATION_PDF);
      ready = request.contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts.build()));
    } else if (call.body() != null) {
      ready = request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
    }
    return ready.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
        .map(body -> new Answer(response.statusCode().value(), body))).block(Duration.ofSeconds(30));
  }

  /** The described operations by path template and method. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> description() {
    Map<?, ?> description = await().atMost(Duration.ofSeconds(30)).until(
        () -> http.get().uri("/v3/api-docs").exchange().returnResult(Map.class),
        result -> result.getStatus().value() == 200).getResponseBody().blockFirst();
    Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
    ((Map<String, Map<String, Object>>) description.get("paths")).forEach((path, item) -> {
      Map<String, Object> operations = new LinkedHashMap<>();
      item.forEach((method, operation) -> {
        if (METHODS.contains(method)) {
          operations.put(method, operation);
        }
      });
      routes.put(path, operations);
    });
    return routes;
  }

  /** The request body's example, as the description gives it (empty object when it gives none and the route takes a body). */
  @SuppressWarnings("unchecked")
  private static Object example(Object operation) {
    Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) operation).get("requestBody");
    if (body == null) {
      return null;
    }
    for (Object media : ((Map<String, Object>) body.get("content")).values()) {
      Map<String, Object> m = (Map<String, Object>) media;
      if (m.get("example") != null) {
        return m.get("example");
      }
      Map<String, Object> examples = (Map<String, Object>) m.get("examples");
      if (examples != null && !examples.isEmpty()) {
        return ((Map<String, Object>) examples.values().iterator().next()).get("value");
      }
    }
    return Map.of();
  }

  @SuppressWarnings("unchecked")
  private static String contentType(Object operation) {
    Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) operation).get("requestBody");
    return body == null ? null : new LinkedHashSet<>(((Map<String, Object>) body.get("content")).keySet()).iterator().next();
  }
}
