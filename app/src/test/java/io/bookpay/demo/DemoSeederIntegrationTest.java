package io.bookpay.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The demo seeder on an instance of its own (own schema, own topics and consumer groups, the seed
 * clock installed), run twice with one seed value: every analytics report shows the seeded month,
 * the two tenants' figures are the same, and a seeded open link opens and books.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoSeederIntegrationTest {

  private static final long SEED = 7;
  private static final Duration PROJECTIONS = Duration.ofSeconds(90);
  private static final List<String> REPORTS = List.of("bookings", "funnel", "utilisation", "claims", "events");

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
    System.out.println("Demo seeded in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms:\n"
        + SeedCommand.describe(first, SEED));
    second = seeder.seed(SEED, "Demo Clinic (same seed)");
    assertThat(SeedCommand.drained(seeder)).as("outbox drained").isTrue();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
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
    assertThat(get(first, "/v1/tenant")).containsEntry("timeZone", DemoCatalog.TIME_ZONE);
  }

  @Test
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
  }

  @Test
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

  private Map<String, Object> report(DemoSeeder.Summary tenant, String name) {
    return get(tenant, "/v1/reports/" + name + "?from=" + tenant.from() + "&to=" + tenant.to());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(DemoSeeder.Summary tenant, String path) {
    return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).accept(MediaType.APPLICATION_JSON)
        .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
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
