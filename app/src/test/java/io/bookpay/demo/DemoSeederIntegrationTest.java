package io.bookpay.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The demo seeder on an instance of its own (own schema, own topics and consumer groups, the seed
 * clock installed), run twice with one seed value: every report of the read side shows the seeded
 * month, reconciliation is empty once the finance projection has caught up, the two tenants' figures
 * are the same, and a seeded open link opens and books, through the API and on its booking page.
 * The tests that book run last, so the figures compared are the seeder's alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSeederIntegrationTest {

  private static final long SEED = 7;
  private static final Duration PROJECTIONS = Duration.ofSeconds(90);
  private static final List<String> REPORTS = List.of("bookings", "funnel", "utilisation", "claims", "events", "financial", "receivables",
      "gift-cards", "packages", "memberships");
  private static final Pattern KEY = Pattern.compile("name=\"key\" value=\"([A-Za-z0-9_-]{43})\"");
  private static final Pattern START = Pattern.compile("name=\"start\" value=\"([0-9TZ:.-]+)\"");

  private AppInstance app;
  private String schema;
  private String topicPrefix;
  private Sql sql;
  private WebTestClient http;
  private DemoSeeder.Summary first;
  private DemoSeeder.Summary second;

  @BeforeAll
  void seedTwice() {
    TestInfrastructure infra = TestInfrastructure.get();
    schema = infra.isolatedSchema("demo");
    topicPrefix = "demo" + UUID.randomUUID().toString().substring(0, 8) + ".";
    app = AppInstance.start(schema, infra.kafkaBootstrapServers(), SeedClock::install,
        "--bookpay.kafka.consumers-enabled=true",
        "--bookpay.kafka.topic-prefix=" + topicPrefix,
        // Only the seeder's own flushes publish link views, so their events are the same in every run.
        "--bookpay.links.view-flush-interval=1h",
        "--bookpay.webhooks.simulator.deliver=false",
        // The holds made at the real time stay held while the two tenants are compared.
        "--bookpay.bookings.hold-duration=1h",
        "--bookpay.webhooks.secret-key=" + infra.webhookSecretKey());
    sql = Sql.of(schema);
    http = app.http();
    DemoSeeder seeder = app.bean(DemoSeeder.class);
    long started = System.nanoTime();
    first = seeder.seed(SEED, DemoCatalog.TENANT_NAME);
    long firstMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    System.out.println("Demo seeded in " + firstMillis + " ms:\n" + SeedCommand.describe(first, SEED));
    started = System.nanoTime();
    second = seeder.seed(SEED, "Demo Clinic (same seed)");
    // Measured, not asserted (tests check outcomes, not speed): the bound is a minute on this machine.
    System.out.println("Demo seeded again in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms (first run " + firstMillis
        + " ms)");
    assertThat(SeedCommand.drained(seeder)).as("outbox drained").isTrue();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @Order(1)
  void theSeedMakesEveryKindOfRecord() {
    Map<String, Long> counts = first.counts();
    for (String status : List.of("HELD", "CONFIRMED", "CANCELLED", "EXPIRED", "COMPLETED", "NO_SHOW")) {
      assertThat(counts.get("bookings." + status)).as("bookings " + status).isPositive();
    }
    for (String status : List.of("DRAFT", "SUBMITTED", "UNDER_REVIEW", "ADDITIONAL_INFO_REQUIRED", "APPROVED", "REJECTED")) {
      assertThat(sql.count("SELECT count(*) FROM claims WHERE tenant_id = ? AND status = ?", first.tenantId(), status))
          .as("claims " + status).isPositive();
    }
    for (String method : List.of("CARD", "CASH", "EXTERNAL", "GIFT_CARD", "INSURANCE")) {
      assertThat(sql.count("SELECT count(*) FROM payments WHERE tenant_id = ? AND method = ? AND status = 'SUCCEEDED'", first.tenantId(),
          method)).as("succeeded payments by " + method).isPositive();
    }
    assertThat(sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.tenant_id = ?"
        + " AND r.status = 'SUCCEEDED' AND r.amount < p.amount", first.tenantId())).as("partial refunds").isPositive();
    assertThat(sql.count("SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.tenant_id = ?"
        + " AND r.status = 'SUCCEEDED' AND r.amount = p.amount", first.tenantId())).as("full refunds").isPositive();
    assertThat(counts).containsEntry("customers", 200L);
    assertThat(counts.get("giftCards.sold")).isPositive();
    assertThat(counts.get("giftCards.issued")).isPositive();
    assertThat(counts.get("giftCards.redemptions")).isPositive();
    assertThat(counts.get("packages.sold")).isPositive();
    assertThat(counts.get("packages.sessionsUsed")).isPositive();
    assertThat(counts.get("memberships.sold")).isPositive();
    assertThat(counts.get("links.booked")).isPositive();
    assertThat(counts.get("bookings.rescheduled")).isPositive();
    assertThat(first.openLinkTokens()).hasSize(4);
    // Through the API as a user sees them: invoices still owed, gift cards, the two locations in their zones.
    assertThat(get(first, "/v1/invoices?status=OPEN&limit=5").get("items")).asList().isNotEmpty();
    assertThat(get(first, "/v1/gift-cards?limit=5").get("items")).asList().isNotEmpty();
    assertThat(get(first, "/v1/tenant")).containsEntry("timeZone", DemoCatalog.TIME_ZONE)
        .containsEntry("displayName", DemoCatalog.DISPLAY_NAME).containsEntry("brandColor", DemoCatalog.BRAND_COLOR)
        .containsEntry("contactEmail", "frontdesk@demo-clinic.example.com").containsEntry("contactPhone", "+1 555 0100")
        .containsEntry("address", DemoCatalog.PLACES.get(0).address());
  }

  @Test
  @Order(1)
  @SuppressWarnings("unchecked")
  void theBannerSaysWhatWasMadeAndItsKeyReadsReports() {
    assertThat(SeedCommand.created(first)).contains("  locations: 2\n", "  providers: 5\n", "  services: 8\n", "  customers: 200\n",
        "  bookings: " + first.counts().get("bookings") + " (", "open 4");
    assertThat(SeedCommand.describe(first, SEED)).contains("API key (shown once): " + first.apiKey());
    // The key the banner prints signs in to the dashboard, which asks for reports:read.
    List<?> keys = (List<?>) get(first, "/v1/api-keys").get("items");
    assertThat(keys).anySatisfy(key -> {
      assertThat(((Map<?, ?>) key).get("id")).isEqualTo(first.apiKeyId().toString());
      assertThat((List<Object>) ((Map<?, ?>) key).get("scopes")).containsAnyOf("*", "reports:read");
    });
  }

  @Test
  @Order(2)
  void everyReportShowsTheSeededMonth() {
    Awaitility.await().atMost(PROJECTIONS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Map<String, Object> bookings = totals(report(first, "bookings"));
      for (String figure : List.of("created", "confirmed", "cancelled", "noShows", "completed", "rescheduled")) {
        assertThat(((Number) bookings.get(figure)).longValue()).as("bookings " + figure).isPositive();
      }
      Map<String, Object> funnel = totals(report(first, "funnel"));
      for (String figure : List.of("views", "slotSearches", "bookings", "completed")) {
        assertThat(((Number) funnel.get(figure)).longValue()).as("funnel " + figure).isPositive();
      }
      Map<String, Object> utilisation = totals(report(first, "utilisation"));
      assertThat(((Number) utilisation.get("bookedMinutes")).longValue()).isPositive();
      assertThat(((Number) utilisation.get("workingMinutes")).longValue()).isPositive();
      Map<String, Object> claims = totals(report(first, "claims"));
      for (String figure : List.of("submitted", "approved", "rejected")) {
        assertThat(((Number) claims.get(figure)).longValue()).as("claims " + figure).isPositive();
      }
      Map<String, Object> events = totals(report(first, "events"));
      assertThat(events).containsKeys("BookingCompleted", "PaymentSucceeded", "RefundSucceeded", "LinkViewed", "ClaimApproved");
    });
    Awaitility.await().atMost(PROJECTIONS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      Map<String, Object> financial = report(first, "financial");
      assertThat(number(financial, "lagSeconds")).as("finance lag").isZero();
      Map<String, Object> money = totals(financial);
      for (String figure : List.of("gross", "refunds", "net", "discounts", "tax", "giftCardRedemptions", "invoiced", "invoices")) {
        assertThat(number(money, figure)).as("financial " + figure).isPositive();
      }
      for (String method : List.of("CASH", "CARD", "EXTERNAL", "INSURANCE", "GIFT_CARD")) {
        assertThat(number((Map<?, ?>) money.get("byMethod"), method)).as("received by " + method).isPositive();
      }
      for (String kind : List.of("SERVICE", "PRODUCT", "PACKAGE", "MEMBERSHIP", "GIFT_CARD")) {
        assertThat(number((Map<?, ?>) money.get("byLineKind"), kind)).as("received for " + kind).isPositive();
      }
      Map<?, ?> insurance = (Map<?, ?>) financial.get("insurance");
      for (String figure : List.of("submitted", "approvedClaims", "rejected", "claimed", "expected", "approved", "applied")) {
        assertThat(number(insurance, figure)).as("insurance " + figure).isPositive();
      }
      positive(report(first, "receivables"), "receivables", "totalOutstanding", "invoices");
      positive(report(first, "gift-cards"), "gift cards", "issued", "issuedWithoutPayment", "redeemed", "outstanding");
      positive(report(first, "packages"), "packages", "sold", "soldAmount", "sessionsSold", "sessionsRedeemed", "sessionsOutstanding");
      positive(report(first, "memberships"), "memberships", "started", "ended", "active", "mrr");
      Map<String, Object> reconciliation = report(first, "reconciliation");
      assertThat(number(reconciliation, "lagSeconds")).as("reconciliation lag").isZero();
      assertThat((List<?>) reconciliation.get("differences")).as("reconciliation differences").isEmpty();
    });
  }

  @Test
  @Order(3)
  void oneSeedValueGivesTheSameFigures() {
    assertThat(second.counts()).isEqualTo(first.counts());
    Awaitility.await().atMost(PROJECTIONS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      for (String name : REPORTS) {
        Map<String, Object> a = report(first, name);
        Map<String, Object> b = report(second, name);
        assertThat(((Number) a.getOrDefault("lagSeconds", 0)).longValue()).isZero();
        assertThat(canonical(b)).as(name).isEqualTo(canonical(a));
      }
    });
  }

  @Test
  @Order(4)
  void aSeededOpenLinkOpensAndBooks() {
    String token = first.openLinkTokens().get(0);
    http.get().uri("/v1/public/links/{token}", token).exchange().expectStatus().isOk();
    Instant from = Instant.now().plus(Duration.ofHours(1));
    Map<?, ?> slots = http.get().uri(b -> b.path("/v1/public/links/{token}/slots").queryParam("from", from)
            .queryParam("to", from.plus(Duration.ofDays(7))).build(token))
        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    List<?> free = (List<?>) slots.get("slots");
    assertThat(free).isNotEmpty();
    Object start = ((Map<?, ?>) free.get(0)).get("start");
    Map<?, ?> booked = http.post().uri("/v1/public/links/{token}/bookings", token).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("start", start, "customer", Map.of("name", "Grace Hopper", "email", "grace@example.com")))
        .exchange().expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
    assertThat(booked.get("status")).isEqualTo("CONFIRMED");
    assertThat(booked.get("start")).isEqualTo(start);
    assertThat(sql.count("SELECT count(*) FROM bookings WHERE tenant_id = ? AND id = ?", first.tenantId(),
        UUID.fromString((String) booked.get("id")))).isOne();
  }

  @Test
  @Order(4)
  void aSeededOpenLinksBookingPageOpensInTheClinicsColoursAndBooks() {
    String token = first.openLinkTokens().get(1);
    String week = LocalDate.now(ZoneId.of(DemoCatalog.TIME_ZONE)).plusDays(7).toString();
    String html = http.get().uri("/b/{token}?week={week}", token, week).accept(MediaType.TEXT_HTML).exchange()
        .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(html).contains("Demo Clinic Physio &amp; Wellness", "--brand:" + DemoCatalog.BRAND_COLOR, "Physiotherapy session",
        "Sam Okafor");
    String key = first(KEY, html);
    String start = first(START, html);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("key", key);
    form.add("start", start);
    form.add("name", "Grace Page");
    form.add("email", "grace.page@example.com");
    http.post().uri("/b/{token}", token).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
        .exchange().expectStatus().isSeeOther().expectHeader().location("/b/booking/" + key);
    String confirmation = http.get().uri("/b/booking/{key}", key).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(confirmation).contains("Physiotherapy session", "calendar.ics");
    assertThat(sql.count("SELECT count(*) FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.tenant_id = ?"
        + " AND c.email = ? AND b.start_at = ?::timestamptz AND b.status = 'CONFIRMED'", first.tenantId(), "grace.page@example.com", start))
        .isOne();
  }

  @Test
  @Order(5)
  void theCommandRefusesASecondDemoClinicAndExplainsItsUsage() {
    TestInfrastructure infra = TestInfrastructure.get();
    long tenants = sql.count("SELECT count(*) FROM tenants");
    assertThat(SeedCommand.run(new String[] {"seed"})).isEqualTo(SeedCommand.USAGE);
    assertThat(SeedCommand.run(new String[] {"seed", "--demo", "--seed=x"})).isEqualTo(SeedCommand.USAGE);
    int status = SeedCommand.run(new String[] {"seed", "--demo", "--seed=" + SEED,
        "--bookpay.db.url=" + infra.database().jdbcUrl(), "--bookpay.db.user=" + infra.database().user(),
        "--bookpay.db.password=" + java.util.Objects.requireNonNullElse(infra.database().password(), ""), "--bookpay.db.schema=" + schema,
        "--bookpay.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(), "--bookpay.kafka.topic-prefix=" + topicPrefix,
        "--bookpay.admin-token=" + infra.adminToken(), "--springdoc.api-docs.enabled=false", "--springdoc.pre-loading-enabled=false"},
        AppInstance::isolated);
    assertThat(status).isEqualTo(SeedCommand.EXISTS);
    assertThat(sql.count("SELECT count(*) FROM tenants")).isEqualTo(tenants);
  }

  /** The report over the seeded weeks (receivables: on today), past the reports' short cache. */
  private Map<String, Object> report(DemoSeeder.Summary tenant, String name) {
    return get(tenant, "/v1/reports/" + name + ("receivables".equals(name) ? "" : "?from=" + tenant.from() + "&to=" + tenant.to()));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(DemoSeeder.Summary tenant, String path) {
    return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
  }

  private static long number(Map<?, ?> values, String name) {
    Object value = values.get(name);
    assertThat(value).as(name).isInstanceOf(Number.class);
    return ((Number) value).longValue();
  }

  private static void positive(Map<String, Object> report, String name, String... figures) {
    assertThat(number(report, "lagSeconds")).as(name + " lag").isZero();
    for (String figure : figures) {
      assertThat(number(report, figure)).as(name + " " + figure).isPositive();
    }
  }

  private static String first(Pattern pattern, String html) {
    Matcher m = pattern.matcher(html);
    assertThat(m.find()).as("%s in the page", pattern).isTrue();
    return m.group(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> totals(Map<String, Object> report) {
    return (Map<String, Object>) report.get("totals");
  }

  private static final Set<String> MOMENTS = Set.of("asOf", "lagSeconds");

  /** The report without its moment and with ids as placeholders; lists sorted, since rows ordered by id differ per tenant. */
  static Object canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> {
        if (!MOMENTS.contains(k)) {
          out.put((String) k, canonical(v));
        }
      });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(canonical(v)));
      out.sort(Comparator.comparing(String::valueOf));
      return out;
    }
    if (value instanceof String text && isId.test(text)) {
      return "<id>";
    }
    return value;
  }

  private static final Predicate<String> isId =
      text -> text.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
}
