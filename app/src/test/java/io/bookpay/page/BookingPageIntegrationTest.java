package io.bookpay.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The booking page behind a link, as a browser without JavaScript uses it: page, form post,
 * confirmation, calendar file, cancel, and the friendly refusals, with what each leaves in the
 * database and the outbox.
 */
class BookingPageIntegrationTest extends IntegrationTest {

  private static final AtomicInteger CLIENTS = new AtomicInteger();
  private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([A-Za-z0-9_-]{43})\"");
  private static final Pattern START = Pattern.compile("name=\"start\" value=\"([0-9TZ:.-]+)\"");

  private TestTenant tenant;
  private CatalogFixture catalog;

  @BeforeEach
  void catalog() {
    tenant = newTenant();
    catalog = new CatalogFixture(http, tenant).build(1);
  }

  private static String client() {
    int n = CLIENTS.incrementAndGet();
    return "198.51.101." + (n % 250 + 1);
  }

  private Map<?, ?> link(Map<String, Object> body) {
    return http.post().uri("/v1/links").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
        .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
  }

  private Map<?, ?> singleUseLink() {
    return link(Map.of("serviceId", catalog.serviceId, "maxUses", 1,
        "customer", Map.of("name", "Ada Client", "email", "ada-" + UUID.randomUUID() + "@example.com")));
  }

  private String page(String path, int status) {
    return http.get().uri(path).accept(MediaType.TEXT_HTML).header("X-Forwarded-For", client()).exchange()
        .expectStatus().isEqualTo(status)
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).returnResult().getResponseBody();
  }

  private static String nextWeek() {
    return CatalogFixture.nextWeekAt(10, 0).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  private EntityExchangeResult<String> post(String path, MultiValueMap<String, String> form, String origin) {
    var request = http.post().uri(path).header("X-Forwarded-For", client()).contentType(MediaType.APPLICATION_FORM_URLENCODED);
    if (origin != null) {
      request = request.header(HttpHeaders.ORIGIN, origin);
    }
    return request.body(BodyInserters.fromFormData(form)).exchange().expectBody(String.class).returnResult();
  }

  private static MultiValueMap<String, String> form(String key, String start, String name, String email, boolean consent) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("key", key);
    if (start != null) {
      form.add("start", start);
    }
    form.add("name", name);
    form.add("email", email);
    if (consent) {
      form.add("consent", "yes");
    }
    return form;
  }

  private static String first(Pattern pattern, String html) {
    Matcher m = pattern.matcher(html);
    assertThat(m.find()).as("%s in the page", pattern).isTrue();
    return m.group(1);
  }

  @Test
  void aClientBooksWithoutJavaScriptSeesTheConfirmationDownloadsTheCalendarAndCannotUseTheLinkAgain() {
    http.patch().uri("/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("displayName", "Harbour Clinic", "brandColor", "#0B6E4F", "contactPhone", "+1 555 0100",
            "address", "1 Harbour Street\nPort Town"))
        .exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.brandColor").isEqualTo("#0b6e4f").jsonPath("$.displayName").isEqualTo("Harbour Clinic");
    Map<?, ?> link = singleUseLink();
    assertThat((String) link.get("url")).endsWith("/b/" + link.get("token"));
    String token = (String) link.get("token");

    String html = page("/b/" + token + "?week=" + nextWeek(), 200);
    assertThat(html).contains("Harbour Clinic", "--brand:#0b6e4f", "Consultation", "1 Harbour Street", "+1 555 0100",
        "value=\"Ada Client\"", "Times in");
    assertThat(html).contains("<input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\">"); // separate, unticked
    // Page weight before images: the HTML, its stylesheet and its script, under 100 KB together.
    long weight = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    for (String asset : List.of("/b/assets/booking.css", "/b/assets/booking.js")) {
      weight += http.get().uri(asset).exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody().length;
    }
    assertThat(weight).isLessThan(100_000);
    String key = first(KEY, html);
    String start = first(START, html);

    EntityExchangeResult<String> booked = post("/b/" + token, form(key, start, "Ada Client", "ada@example.com", true),
        "http://127.0.0.1:" + port);
    assertThat(booked.getStatus().value()).isEqualTo(303);
    assertThat(booked.getResponseHeaders().getLocation()).hasToString("/b/booking/" + key);
    // A double tap (same form key) books nothing more and lands on the same confirmation.
    EntityExchangeResult<String> again = post("/b/" + token, form(key, start, "Ada Client", "ada@example.com", true), null);
    assertThat(again.getStatus().value()).isEqualTo(303);
    assertThat(again.getResponseHeaders().getLocation()).hasToString("/b/booking/" + key);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM link_page_bookings WHERE token_hash = sha256(convert_to(?, 'UTF8')) AND contact_consent",
        key)).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM link_page_bookings WHERE position(? in row_to_json(link_page_bookings)::text) > 0", key))
        .isZero();

    String confirmation = page("/b/booking/" + key, 200);
    assertThat(confirmation).contains("You are booked", "Consultation", "calendar.ics", "Cancel this appointment");
    String ics = http.get().uri("/b/booking/" + key + "/calendar.ics").header("X-Forwarded-For", client()).exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith("text/calendar")
        .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"appointment.ics\"")
        .expectBody(String.class).returnResult().getResponseBody();
    String dtstart = "DTSTART:" + Instant.parse(start).toString().replace("-", "").replace(":", "").replace(".000", "");
    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains(dtstart, "SUMMARY:Consultation at Harbour Clinic", "END:VEVENT");

    String usedUp = page("/b/" + token, 410);
    assertThat(usedUp).contains("This link has been used up");
  }

  @Test
  void theClientCancelsFromTheConfirmationAndTheHistoryNamesThem() {
    Map<?, ?> link = singleUseLink();
    String token = (String) link.get("token");
    String html = page("/b/" + token + "?week=" + nextWeek(), 200);
    String key = first(KEY, html);
    assertThat(post("/b/" + token, form(key, first(START, html), "Ada", "ada@example.com", false), null).getStatus().value())
        .isEqualTo(303);
    assertThat(sql.count("SELECT count(*) FROM link_page_bookings WHERE token_hash = sha256(convert_to(?, 'UTF8')) AND NOT contact_consent",
        key)).isEqualTo(1);

    // From another site: refused, nothing changes.
    assertThat(post("/b/booking/" + key + "/cancel", new LinkedMultiValueMap<>(), "https://evil.example").getStatus().value())
        .isEqualTo(403);
    assertThat(http.post().uri("/b/booking/" + key + "/cancel").header("X-Forwarded-For", client()).header("Sec-Fetch-Site", "cross-site")
        .header(HttpHeaders.ORIGIN, "null").contentType(MediaType.APPLICATION_FORM_URLENCODED).exchange()
        .returnResult(String.class).getStatus().value()).isEqualTo(403);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ? AND status = 'CONFIRMED'", tenant.id())).isEqualTo(1);

    EntityExchangeResult<String> cancelled = post("/b/booking/" + key + "/cancel", new LinkedMultiValueMap<>(), "http://127.0.0.1:" + port);
    assertThat(cancelled.getStatus().value()).isEqualTo(303);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ? AND status = 'CANCELLED'", tenant.id())).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM booking_status_history WHERE tenant_id = ? AND to_status = 'CANCELLED' AND actor = 'client:link'",
        tenant.id())).isEqualTo(1);
    assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND event_type = 'BookingCancelled'", tenant.id())).isEqualTo(1);
    assertThat(page("/b/booking/" + key, 200)).contains("Your appointment is cancelled").doesNotContain("Cancel this appointment");
  }

  @Test
  void aBookingInsideTheMinimumNoticeCannotBeCancelledOnline() {
    CatalogFixture noticed = new CatalogFixture(http, tenant).service("minNoticeMinutes", 60 * 24 * 10).build(1);
    Map<?, ?> link = link(Map.of("serviceId", noticed.serviceId, "customer", Map.of("name", "Ada", "email", "ada@example.com")));
    String token = (String) link.get("token");
    String week = CatalogFixture.nextWeekAt(10, 0).plus(Duration.ofDays(7)).atZone(ZoneOffset.UTC).toLocalDate().toString();
    String html = page("/b/" + token + "?week=" + week, 200);
    String key = first(KEY, html);
    assertThat(post("/b/" + token, form(key, first(START, html), "Ada", "ada@example.com", false), null).getStatus().value())
        .isEqualTo(303);
    // Booked at least ten days ahead, but maybe less than ten days before its start plus a margin: move the notice up.
    assertThat(page("/b/booking/" + key, 200)).contains("You can cancel online until");
    String etag = noticed.get("/v1/services/" + noticed.serviceId).expectStatus().isOk().returnResult(String.class)
        .getResponseHeaders().getETag();
    http.put().uri("/v1/services/" + noticed.serviceId).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "Consultation", "durationMinutes", 60, "priceAmount", 12_500, "currency", "EUR", "slotIntervalMinutes", 15,
            "minNoticeMinutes", 60 * 24 * 30))
        .exchange().expectStatus().isOk();

    EntityExchangeResult<String> refused = post("/b/booking/" + key + "/cancel", new LinkedMultiValueMap<>(), null);
    assertThat(refused.getStatus().value()).isEqualTo(409);
    assertThat(refused.getResponseBody()).contains("can no longer be cancelled online");
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE service_id = ? AND status = 'CONFIRMED'", noticed.serviceId)).isEqualTo(1);
  }

  @Test
  void aTakenSlotOffersTheNearestFreeTimesAndKeepsWhatWasTyped() {
    Map<?, ?> link = link(Map.of("serviceId", catalog.serviceId));
    String token = (String) link.get("token");
    String html = page("/b/" + token + "?week=" + nextWeek(), 200);
    String key = first(KEY, html);
    String start = first(START, html);
    catalog.book(catalog.provider(), Instant.parse(start));

    EntityExchangeResult<String> taken = post("/b/" + token, form(key, start, "Grace Typed", "grace@example.com", true), null);
    assertThat(taken.getStatus().value()).isEqualTo(409);
    assertThat(taken.getResponseBody()).contains("that time was just taken", "Nearest free times", "value=\"Grace Typed\"")
        .doesNotContain("value=\"" + start + "\"");
    List<String> offered = new ArrayList<>();
    START.matcher(taken.getResponseBody()).results().forEach(m -> offered.add(m.group(1)));
    assertThat(offered).isNotEmpty();
    assertThat(sql.count("SELECT count(*) FROM link_page_bookings WHERE tenant_id = ?", tenant.id())).isZero();
  }

  @Test
  void aFormWithMistakesComesBackWithWhatToFixAndBooksNothing() {
    Map<?, ?> link = link(Map.of("serviceId", catalog.serviceId));
    String token = (String) link.get("token");
    String html = page("/b/" + token + "?week=" + nextWeek(), 200);
    EntityExchangeResult<String> bad = post("/b/" + token, form(first(KEY, html), null, "", "not-an-email", false), null);
    assertThat(bad.getStatus().value()).isEqualTo(400);
    assertThat(bad.getResponseBody()).contains("Pick a time.", "Please give your name.", "Please give a valid email address.");
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ?", tenant.id())).isZero();
  }

  @Test
  void refusalsArePagesWithTheirStatus() {
    assertThat(page("/b/unknownTokenUnknownTokenUnknownTokenUnknown", 404)).contains("Link not found");
    assertThat(page("/b/booking/unknownTokenUnknownTokenUnknownTokenUnknown", 404)).contains("Link not found");
    Map<?, ?> link = link(Map.of("serviceId", catalog.serviceId));
    http.post().uri("/v1/links/" + link.get("id") + "/revoke").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .exchange().expectStatus().isOk();
    assertThat(page("/b/" + link.get("token"), 410)).contains("This link was withdrawn");

    // Guessing tokens from one address spends the small unknown-token budget, as in the JSON API: then 429 with when to retry.
    String guesser = "198.51.102.7";
    for (int i = 0; i < 10; i++) {
      http.get().uri("/b/guess" + String.format("%038d", i)).header("X-Forwarded-For", guesser).exchange().expectStatus().isNotFound();
    }
    String tooMany = http.get().uri("/b/" + link.get("token")).header("X-Forwarded-For", guesser).exchange()
        .expectStatus().isEqualTo(429)
        .expectHeader().exists(HttpHeaders.RETRY_AFTER)
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(tooMany).contains("Please wait a moment", "Please try again in");
  }

  @Test
  void browsersOpeningAnOldLinkUrlAreSentToThePageAndApiClientsStillGetJson() {
    Map<?, ?> link = link(Map.of("serviceId", catalog.serviceId));
    String token = (String) link.get("token");
    http.get().uri("/v1/public/links/" + token).header("X-Forwarded-For", client())
        .header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").exchange()
        .expectStatus().isEqualTo(303).expectHeader().location("/b/" + token);
    http.get().uri("/v1/public/links/" + token).header("X-Forwarded-For", client()).accept(MediaType.APPLICATION_JSON).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.service.name").isEqualTo("Consultation");
    http.get().uri("/v1/public/links/" + token).header("X-Forwarded-For", client()).exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
  }

  @Test
  void openingThePageCountsAsAViewAndASlotSearchOfTheFunnel() {
    Map<?, ?> link = link(Map.of("serviceId", catalog.serviceId));
    String token = (String) link.get("token");
    page("/b/" + token, 200);
    page("/b/" + token + "?week=" + nextWeek(), 200);
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count("SELECT coalesce(sum((envelope->'payload'->>'views')::bigint), 0)"
        + " FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'LinkViewed'", link.get("id")) == 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> sql.count("SELECT coalesce(sum((envelope->'payload'->>'searches')::bigint), 0)"
        + " FROM outbox WHERE aggregate_id = ?::uuid AND event_type = 'LinkSlotsSearched'", link.get("id")) == 2);
  }
}
