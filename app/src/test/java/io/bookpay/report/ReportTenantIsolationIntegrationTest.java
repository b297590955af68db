package io.bookpay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.booking.BookingConfirmed;
import io.bookpay.events.booking.BookingEvent.BookingFacts;
import io.bookpay.events.link.LinkViewed;
import io.bookpay.events.money.GiftCardIssued;
import io.bookpay.testsupport.FinanceScript;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.KafkaEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * Another tenant's figures never appear in a report: every report route the API describes (a new
 * one joins by being described), asked by tenant B, answers the same before and after tenant A's
 * scripted week is applied, and never names A's links, plans or payers; A's answers never name B's.
 */
class ReportTenantIsolationIntegrationTest extends IntegrationTest {

  private static final String RANGE = "from=2026-03-28&to=2026-03-31";

  @Test
  void noReportShowsAnotherTenantsFigures() {
    TestTenant a = newTenant();
    TestTenant b = newTenant();
    List<String> routes = reportRoutes();
    assertThat(routes).contains("/v1/reports/bookings", "/v1/reports/funnel", "/v1/reports/claims", "/v1/reports/utilisation",
        "/v1/reports/events", "/v1/reports/financial", "/v1/reports/receivables", "/v1/reports/gift-cards", "/v1/reports/packages",
        "/v1/reports/memberships");
    UUID linkOfB = UUID.randomUUID();
    UUID giftCardOfB = UUID.randomUUID();
    ReportScript script = new ReportScript(a.id());
    FinanceScript money = new FinanceScript(a.id());
    try (KafkaEvents kafka = new KafkaEvents()) {
      List<EventEnvelope> ofB = List.of(
          EventEnvelope.wrap(UUID.randomUUID(), b.id(), Instant.parse("2026-03-29T10:00:00Z"), new BookingConfirmed(facts())),
          EventEnvelope.wrap(UUID.randomUUID(), b.id(), Instant.parse("2026-03-29T10:00:00Z"),
              new LinkViewed(linkOfB, 4, Instant.parse("2026-03-29T09:59:00Z"), Instant.parse("2026-03-29T10:00:00Z"))),
          EventEnvelope.wrap(UUID.randomUUID(), b.id(), Instant.parse("2026-03-29T10:00:00Z"),
              new GiftCardIssued(giftCardOfB, UUID.randomUUID(), null, 1234, "EUR", null)));
      kafka.sendAll(ofB);
      KafkaEvents.awaitApplied(sql, "analytics", ofB.stream().map(EventEnvelope::eventId).toList());
      KafkaEvents.awaitApplied(sql, "finance", ofFinance(ofB));
      Map<String, Map<?, ?>> before = answers(b, routes);

      List<EventEnvelope> ofA = new ArrayList<>(script.events());
      ofA.add(script.zone());
      // Without the dollar invoice, so A has one currency and every route answers without naming one.
      ofA.addAll(money.events().stream().filter(e -> !e.aggregateId().equals(money.invoice8)).toList());
      kafka.sendAll(ofA);
      KafkaEvents.awaitApplied(sql, "analytics", ofA.stream().map(EventEnvelope::eventId).toList());
      KafkaEvents.awaitApplied(sql, "finance", ofFinance(ofA));

      assertThat(answers(b, routes)).isEqualTo(before);
      List<String> namesOfA = List.of(script.linkL.toString(), script.linkM.toString(), script.planAcme.toString(), "Acme Health",
          script.providerP.toString(), "Dr. Alder", money.service1.toString(), money.provider1.toString(), "Beta Insure");
      routes.forEach(route -> {
        String ofBText = text(b, route);
        namesOfA.forEach(name -> assertThat(ofBText).as(route).doesNotContain(name));
        assertThat(text(a, route)).as(route).doesNotContain(linkOfB.toString());
      });
      // A's money is in the answers A gets (so the comparison above was not between empty answers).
      assertThat(text(a, "/v1/reports/financial")).contains(money.service1.toString(), "Acme Health");
      assertThat(((Number) request(a, "/v1/reports/gift-cards").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
          .get("issued")).longValue()).isEqualTo(8000);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(text(a, "/v1/reports/funnel")).contains(script.linkL.toString()));
    }
  }

  /** The GET routes under /v1/reports in the API description. */
  private List<String> reportRoutes() {
    Map<?, ?> description = await().atMost(Duration.ofSeconds(30)).until(
        () -> http.get().uri("/v3/api-docs").exchange().returnResult(Map.class),
        result -> result.getStatus().value() == 200).getResponseBody().blockFirst();
    List<String> routes = new ArrayList<>();
    ((Map<?, ?>) description.get("paths")).forEach((path, item) -> {
      if (((String) path).startsWith("/v1/reports/") && ((Map<?, ?>) item).containsKey("get")) {
        routes.add((String) path);
      }
    });
    return routes;
  }

  private Map<String, Map<?, ?>> answers(TestTenant tenant, List<String> routes) {
    Map<String, Map<?, ?>> answers = new LinkedHashMap<>();
    for (String route : routes) {
      Map<?, ?> body = request(tenant, route).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
      Map<Object, Object> figures = new LinkedHashMap<>(body);
      figures.remove("asOf");
      figures.remove("lagSeconds");
      answers.put(route, figures);
    }
    return answers;
  }

  private String text(TestTenant tenant, String route) {
    return request(tenant, route).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec request(TestTenant tenant, String route) {
    return http.get().uri(route + "?" + RANGE).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .header(HttpHeaders.CACHE_CONTROL, "no-cache").exchange();
  }

  /** The events the finance consumer reads (money, claims, bookings, tenant profiles): it never records the others. */
  private static List<UUID> ofFinance(List<EventEnvelope> events) {
    List<String> topics = List.of(Topics.PAYMENTS, Topics.CLAIMS, Topics.BOOKINGS, Topics.TENANTS);
    return events.stream().filter(e -> topics.contains(e.topic())).map(EventEnvelope::eventId).toList();
  }

  private static BookingFacts facts() {
    Instant start = Instant.parse("2026-04-02T08:00:00Z");
    return new BookingFacts(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), start,
        start.plusSeconds(1800), 100, "EUR");
  }
}
