package io.bookpay.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.events.EventEnvelope;
import io.bookpay.platform.security.Digests;
import io.bookpay.testsupport.FinanceScript;
import io.bookpay.testsupport.KafkaEvents;
import io.bookpay.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Signing in to the dashboard: a key with reports:read gets a session cookie (HttpOnly,
 * SameSite=Strict, Path=/dashboard, Secure behind TLS) and the key itself goes nowhere; a wrong key
 * is 401 and a key without the scope 403, each the form again; a form without its CSRF token is
 * 403; sign-out, expiry (absolute and idle) and a revoked key end the session; the session never
 * opens the API; sign-in attempts are limited per address.
 */
class DashboardLoginIntegrationTest extends IntegrationTest {

  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  /** A browser: its address and cookies. */
  private final class Browser {
    final String address = "198.18.100." + (CLIENTS.incrementAndGet() % 250 + 1);
    final Map<String, String> cookies = new java.util.LinkedHashMap<>();

    EntityExchangeResult<String> get(String path) {
      EntityExchangeResult<String> result = http.get().uri(path).header("X-Forwarded-For", address)
          .cookies(c -> cookies.forEach(c::add)).exchange().expectBody(String.class).returnResult();
      keep(result);
      return result;
    }

    EntityExchangeResult<String> post(String path, Map<String, String> fields) {
      MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
      fields.forEach(form::add);
      EntityExchangeResult<String> result = http.post().uri(path).header("X-Forwarded-For", address)
          .cookies(c -> cookies.forEach(c::add))
          .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
          .exchange().expectBody(String.class).returnResult();
      keep(result);
      return result;
    }

    private void keep(EntityExchangeResult<String> result) {
      result.getResponseCookies().forEach((name, values) -> values.forEach(cookie -> {
        if (cookie.getMaxAge().isZero()) {
          cookies.remove(name);
        } else {
          cookies.put(name, cookie.getValue());
        }
      }));
    }

    /** Opens the form and signs in with the key; the answer to the post. */
    EntityExchangeResult<String> signIn(String key) {
      String csrf = csrfOf(get("/dashboard/login"));
      return post("/dashboard/login", Map.of("key", key, "csrf", csrf));
    }
  }

  @Test
  void aKeyWithReportsReadSignsInAndTheKeyIsNotKept() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    EntityExchangeResult<String> form = browser.get("/dashboard/login");
    assertThat(form.getStatus().value()).isEqualTo(200);
    assertThat(form.getResponseBody()).contains("<span>30 minutes</span> without use", "after <span>12 hours</span>");
    assertThat(form.getResponseHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
    ResponseCookie formCookie = form.getResponseCookies().getFirst(SessionCookies.LOGIN_CSRF);
    assertThat(formCookie.isHttpOnly()).isTrue();
    assertThat(formCookie.getSameSite()).isEqualTo("Strict");

    EntityExchangeResult<String> signedIn = browser.post("/dashboard/login", Map.of("key", tenant.apiKey(), "csrf", csrfOf(form)));
    assertThat(signedIn.getStatus().value()).isEqualTo(303);
    assertThat(signedIn.getResponseHeaders().getLocation()).hasToString("/dashboard");
    ResponseCookie session = signedIn.getResponseCookies().getFirst(SessionCookies.SESSION);
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");
    assertThat(session.getPath()).isEqualTo("/dashboard");
    assertThat(session.isSecure()).as("plain http: not Secure").isFalse();
    assertThat(session.getValue()).isNotEqualTo(tenant.apiKey()).doesNotContain(tenant.apiKey());
    assertThat(String.join(";", signedIn.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE))).doesNotContain(tenant.apiKey());

    // Only the SHA-256 of the session's token is stored, with the tenant and the key's id.
    List<Map<String, Object>> rows = sql.rows("SELECT token_hash, api_key_id, EXTRACT(EPOCH FROM expires_at - created_at)::bigint AS lifetime FROM dashboard_sessions"
        + " WHERE tenant_id = ?", tenant.id());
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat((byte[]) row.get("token_hash")).isEqualTo(Digests.sha256(session.getValue()));
      assertThat(((Number) row.get("lifetime")).longValue()).as("12 hours").isEqualTo(43_200L);
    });

    EntityExchangeResult<String> page = browser.get("/dashboard");
    assertThat(page.getStatus().value()).isEqualTo(200);
    assertThat(page.getResponseBody()).contains("Bookings per day by status", "The funnel per link", "Receivables ageing",
        "Utilisation per provider", "Claims by status and payer", "Revenue, refunds and net per day", "as of");
    assertThat(page.getResponseBody()).doesNotContain(tenant.apiKey());
    assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(page.getResponseHeaders().getCacheControl()).contains("no-store");

    // Signed in, the form sends the browser on to the dashboard.
    assertThat(browser.get("/dashboard/login").getStatus().value()).isEqualTo(303);

    // Signing in again replaces the session: the first one's token opens nothing any more.
    String first = browser.cookies.get(SessionCookies.SESSION);
    browser.cookies.remove(SessionCookies.SESSION);
    String again = csrfOf(browser.get("/dashboard/login"));
    browser.cookies.put(SessionCookies.SESSION, first);
    assertThat(browser.post("/dashboard/login", Map.of("key", tenant.apiKey(), "csrf", again)).getStatus().value()).isEqualTo(303);
    assertThat(browser.cookies.get(SessionCookies.SESSION)).isNotEqualTo(first);
    http.get().uri("/dashboard").cookie(SessionCookies.SESSION, first).exchange().expectStatus().isSeeOther();
    assertThat(sql.count("SELECT count(*) FROM dashboard_sessions WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
  }

  @Test
  void theCookieIsSecureWhenTheRequestCameOverTls() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    String csrf = csrfOf(browser.get("/dashboard/login"));
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("key", tenant.apiKey());
    form.add("csrf", csrf);
    EntityExchangeResult<String> signedIn = http.post().uri("/dashboard/login").header("X-Forwarded-For", browser.address)
        .header("X-Forwarded-Proto", "https").cookies(c -> browser.cookies.forEach(c::add))
        .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
        .exchange().expectStatus().isSeeOther().expectBody(String.class).returnResult();
    assertThat(signedIn.getResponseCookies().getFirst(SessionCookies.SESSION).isSecure()).isTrue();
  }

  @Test
  void aWrongKeyIs401AndAKeyWithoutReportsReadIs403BothTheFormAgain() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    EntityExchangeResult<String> wrong = browser.signIn("bpk_nothing_thisIsNotAKeyOfAnyone");
    assertThat(wrong.getStatus().value()).isEqualTo(401);
    assertThat(wrong.getResponseBody()).contains("This API key is not valid", "name=\"key\"");
    assertThat(wrong.getResponseCookies()).doesNotContainKey(SessionCookies.SESSION);

    String narrow = key(tenant, "bookings only", List.of("bookings:read"));
    EntityExchangeResult<String> forbidden = browser.signIn(narrow);
    assertThat(forbidden.getStatus().value()).isEqualTo(403);
    assertThat(forbidden.getResponseBody()).contains("reports:read", "name=\"key\"");
    assertThat(forbidden.getResponseCookies()).doesNotContainKey(SessionCookies.SESSION);
    assertThat(sql.count("SELECT count(*) FROM dashboard_sessions WHERE tenant_id = ?", tenant.id())).isZero();

    assertThat(browser.signIn(key(tenant, "reports", List.of("reports:read"))).getStatus().value()).isEqualTo(303);
  }

  @Test
  void formsWithoutTheirCsrfTokenAre403() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    browser.get("/dashboard/login");
    assertThat(browser.post("/dashboard/login", Map.of("key", tenant.apiKey())).getStatus().value()).isEqualTo(403);
    assertThat(browser.post("/dashboard/login", Map.of("key", tenant.apiKey(), "csrf", "forged")).getStatus().value()).isEqualTo(403);
    // Another browser's token does not fit this browser's cookie.
    Browser other = new Browser();
    String othersToken = csrfOf(other.get("/dashboard/login"));
    assertThat(browser.post("/dashboard/login", Map.of("key", tenant.apiKey(), "csrf", othersToken)).getStatus().value()).isEqualTo(403);
    assertThat(sql.count("SELECT count(*) FROM dashboard_sessions WHERE tenant_id = ?", tenant.id())).isZero();

    assertThat(browser.signIn(tenant.apiKey()).getStatus().value()).isEqualTo(303);
    assertThat(browser.post("/dashboard/logout", Map.of()).getStatus().value()).isEqualTo(403);
    assertThat(browser.post("/dashboard/logout", Map.of("csrf", othersToken)).getStatus().value()).isEqualTo(403);
    assertThat(browser.get("/dashboard").getStatus().value()).as("still signed in").isEqualTo(200);
  }

  @Test
  void signingOutEndsTheSession() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    browser.signIn(tenant.apiKey());
    String token = browser.cookies.get(SessionCookies.SESSION);
    EntityExchangeResult<String> page = browser.get("/dashboard");
    EntityExchangeResult<String> out = browser.post("/dashboard/logout", Map.of("csrf", csrfOf(page)));
    assertThat(out.getStatus().value()).isEqualTo(303);
    assertThat(out.getResponseHeaders().getLocation()).hasToString("/dashboard/login");
    assertThat(out.getResponseCookies().getFirst(SessionCookies.SESSION).getMaxAge()).isZero();
    assertThat(sql.count("SELECT count(*) FROM dashboard_sessions WHERE tenant_id = ?", tenant.id())).isZero();
    // The old cookie, kept by someone, opens nothing.
    http.get().uri("/dashboard").cookie(SessionCookies.SESSION, token).exchange()
        .expectStatus().isSeeOther().expectHeader().location("/dashboard/login");
  }

  @Test
  void everyPageButTheFormSendsABrowserWithoutASessionToTheForm() {
    TestTenant tenant = newTenant();
    for (String path : List.of("/dashboard", "/dashboard?from=2026-01-01&to=2026-01-31", "/dashboard/bookings.csv", "/dashboard/nothing")) {
      http.get().uri(path).exchange().expectStatus().isSeeOther().expectHeader().location("/dashboard/login");
      // An API key is no session.
      http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange()
          .expectStatus().isSeeOther().expectHeader().location("/dashboard/login");
      http.get().uri(path).cookie(SessionCookies.SESSION, "made-up").exchange()
          .expectStatus().isSeeOther().expectHeader().location("/dashboard/login");
    }
  }

  @Test
  void sessionsEndAtTheirLifetimeAndWhenIdle() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    browser.signIn(tenant.apiKey());
    assertThat(browser.get("/dashboard").getStatus().value()).isEqualTo(200);
    sql.update("UPDATE dashboard_sessions SET last_seen_at = now() - interval '31 minutes', created_at = now() - interval '1 hour'"
        + " WHERE tenant_id = ?", tenant.id());
    assertThat(browser.get("/dashboard").getStatus().value()).as("idle for 31 minutes").isEqualTo(303);
    assertThat(sql.count("SELECT count(*) FROM dashboard_sessions WHERE tenant_id = ?", tenant.id())).isZero();

    browser.signIn(tenant.apiKey());
    assertThat(browser.get("/dashboard").getStatus().value()).isEqualTo(200);
    sql.update("UPDATE dashboard_sessions SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour'"
        + " WHERE tenant_id = ?", tenant.id());
    assertThat(browser.get("/dashboard").getStatus().value()).as("past its 12 hours, though active").isEqualTo(303);
  }

  @Test
  void revokingTheKeyEndsItsSessionsOnTheirNextRequest() {
    TestTenant tenant = newTenant();
    Map<?, ?> issued = http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "front desk", "scopes", List.of("reports:read")))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    Browser browser = new Browser();
    browser.signIn((String) issued.get("key"));
    assertThat(browser.get("/dashboard").getStatus().value()).isEqualTo(200);
    http.post().uri("/v1/api-keys/{id}/revoke", issued.get("id")).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().is2xxSuccessful();
    EntityExchangeResult<String> after = browser.get("/dashboard");
    assertThat(after.getStatus().value()).isEqualTo(303);
    assertThat(after.getResponseHeaders().getLocation()).hasToString("/dashboard/login");
    assertThat(sql.count("SELECT count(*) FROM dashboard_sessions WHERE tenant_id = ?", tenant.id())).isZero();
  }

  @Test
  void theSessionDoesNotOpenTheApi() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    browser.signIn(tenant.apiKey());
    String token = browser.cookies.get(SessionCookies.SESSION);
    http.get().uri("/v1/reports/bookings?from=2026-01-01&to=2026-01-31").cookie(SessionCookies.SESSION, token)
        .exchange().expectStatus().isUnauthorized();
    http.get().uri("/v1/tenant").cookie(SessionCookies.SESSION, token).exchange().expectStatus().isUnauthorized();
  }

  @Test
  void theCsvIsTheReportApisCsv() {
    TestTenant tenant = newTenant();
    Browser browser = new Browser();
    browser.signIn(tenant.apiKey());
    String range = "?from=2026-01-01&to=2026-01-31";
    for (String view : DashboardController.VIEWS) {
      String query = view.equals("receivables") ? "?on=2026-01-31" : range;
      String api = http.get().uri("/v1/reports/" + view + query).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
          .accept(MediaType.parseMediaType("text/csv")).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
          .getResponseBody();
      EntityExchangeResult<String> csv = browser.get("/dashboard/" + view + ".csv" + range);
      assertThat(csv.getStatus().value()).as(view).isEqualTo(200);
      assertThat(csv.getResponseHeaders().getContentType().toString()).startsWith("text/csv");
      assertThat(csv.getResponseHeaders().getContentDisposition().getFilename()).endsWith(".csv");
      assertThat(csv.getResponseBody()).as(view).isEqualTo(api);
    }
    assertThat(browser.get("/dashboard/nothing.csv").getStatus().value()).isEqualTo(404);
    assertThat(browser.get("/dashboard/bookings.csv?from=2026-02-01&to=2026-01-01").getStatus().value()).isEqualTo(400);
    assertThat(browser.get("/dashboard?from=not-a-date").getStatus().value()).isEqualTo(400);
    // A far 'to' without 'from' used to overflow the calendar working out the default start (a 500).
    assertThat(browser.get("/dashboard?to=-999999999-01-05").getStatus().value()).isEqualTo(400);
    assertThat(browser.get("/dashboard/bookings.csv?to=-999999999-12-31").getStatus().value()).isEqualTo(400);
  }

  @Test
  void theMoneyViewsShowTheReportApisFiguresInEachOfTheTenantsCurrencies() {
    TestTenant tenant = newTenant();
    FinanceScript script = new FinanceScript(tenant.id());
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(script.zone());
      KafkaEvents.awaitApplied(sql, "finance", List.of(script.zone().eventId()));
      kafka.sendAll(script.events());
      KafkaEvents.awaitApplied(sql, "finance", script.events().stream().map(EventEnvelope::eventId).toList());
    }
    Browser browser = new Browser();
    browser.signIn(tenant.apiKey());
    String range = "?from=2026-03-28&to=2026-03-31";

    EntityExchangeResult<String> page = browser.get("/dashboard" + range);
    assertThat(page.getStatus().value()).isEqualTo(200);
    // Several currencies: a selector, the first chosen; net over the range is 460.00 EUR (FinanceScript).
    assertThat(page.getResponseBody()).contains("<select id=\"currency\"", "<option value=\"USD\"",
        "Revenue, refunds and net per day (EUR)", "460.00 EUR");
    assertThat(browser.get("/dashboard" + range + "&currency=USD").getResponseBody()).contains("Revenue, refunds and net per day (USD)");

    for (String currency : List.of("EUR", "USD")) {
      for (String view : List.of("financial", "receivables")) {
        String query = (view.equals("receivables") ? "?on=2026-03-31" : range) + "&currency=" + currency;
        String api = http.get().uri("/v1/reports/" + view + query).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
            .accept(MediaType.parseMediaType("text/csv")).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
        assertThat(browser.get("/dashboard/" + view + ".csv" + range + "&currency=" + currency).getResponseBody()).as(view + " " + currency)
            .isEqualTo(api).contains(currency);
      }
    }
  }

  @Test
  void signInAttemptsAreLimitedPerAddress() {
    Browser browser = new Browser();
    String csrf = csrfOf(browser.get("/dashboard/login"));
    int refused = 0;
    for (int i = 0; i < 12; i++) {
      EntityExchangeResult<String> answer = browser.post("/dashboard/login", Map.of("key", "bpk_wrong_wrongwrongwrong", "csrf", csrf));
      if (answer.getStatus().value() == 429) {
        refused++;
        assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
      } else {
        assertThat(answer.getStatus().value()).isEqualTo(401);
      }
    }
    assertThat(refused).as("attempts past the 10 a minute").isEqualTo(2);
  }

  private String key(TestTenant tenant, String name, List<String> scopes) {
    return (String) http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "scopes", scopes))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("key");
  }

  private static String csrfOf(EntityExchangeResult<String> page) {
    Matcher matcher = CSRF.matcher(page.getResponseBody());
    assertThat(matcher.find()).as("a csrf field in %s", page.getResponseBody()).isTrue();
    return matcher.group(1);
  }
}
