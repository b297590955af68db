package io.bookpay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.events.EventEnvelope;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.KafkaEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The analytics reports over a scripted week across a DST change in the tenant's zone
 * ({@link ReportScript}): the numbers the script expects, in JSON and CSV, by day, ISO week and month,
 * with filters; and the same answers when every event is delivered again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsReportsIntegrationTest extends IntegrationTest {

  private static final String RANGE = "from=2026-03-28&to=2026-03-31";

  private TestTenant tenant;
  private ReportScript script;
  private List<RecordMetadata> sent;

  @BeforeAll
  void playTheScript() {
    tenant = newTenant(client(port));
    script = new ReportScript(tenant.id());
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(script.zone());
      KafkaEvents.awaitApplied(sql, "analytics", List.of(script.zone().eventId()));
      List<EventEnvelope> events = script.events();
      sent = kafka.sendAll(events);
      KafkaEvents.awaitApplied(sql, "analytics", events.stream().map(EventEnvelope::eventId).toList());
    }
  }

  @Test
  void bookingsByDayAreCountedOnTheTenantsDays() {
    get("/v1/reports/bookings?" + RANGE).expectStatus().isOk().expectBody()
        .jsonPath("$.timeZone").isEqualTo("Europe/Berlin")
        .jsonPath("$.groupBy").isEqualTo("day")
        .jsonPath("$.asOf").exists()
        .jsonPath("$.lagSeconds").isNumber()
        .jsonPath("$.totals.created").isEqualTo(4)
        .jsonPath("$.totals.confirmed").isEqualTo(4)
        .jsonPath("$.totals.cancelled").isEqualTo(1)
        .jsonPath("$.totals.noShows").isEqualTo(1)
        .jsonPath("$.totals.completed").isEqualTo(1)
        .jsonPath("$.totals.rescheduled").isEqualTo(1)
        .jsonPath("$.totals.cancellationRate").isEqualTo(0.25)
        .jsonPath("$.totals.noShowRate").isEqualTo(0.5)
        .jsonPath("$.periods.length()").isEqualTo(4)
        .jsonPath("$.periods[0].period").isEqualTo("2026-03-28")
        .jsonPath("$.periods[0].created").isEqualTo(1)
        .jsonPath("$.periods[0].confirmed").isEqualTo(0)
        .jsonPath("$.periods[1].period").isEqualTo("2026-03-29")
        .jsonPath("$.periods[1].created").isEqualTo(2)
        .jsonPath("$.periods[1].confirmed").isEqualTo(3)
        .jsonPath("$.periods[2].created").isEqualTo(1)
        .jsonPath("$.periods[2].cancelled").isEqualTo(1)
        .jsonPath("$.periods[2].rescheduled").isEqualTo(1)
        .jsonPath("$.periods[3].completed").isEqualTo(1)
        .jsonPath("$.periods[3].noShows").isEqualTo(1)
        .jsonPath("$.periods[3].created").isEqualTo(0)
        .jsonPath("$.periods[3].cancellationRate").isEmpty();
  }

  @Test
  void bookingsByWeekAndMonthAndAsCsv() {
    get("/v1/reports/bookings?" + RANGE + "&groupBy=week").expectStatus().isOk().expectBody()
        .jsonPath("$.periods[0].period").isEqualTo("2026-W13")
        .jsonPath("$.periods[0].created").isEqualTo(3)
        .jsonPath("$.periods[1].period").isEqualTo("2026-W14")
        .jsonPath("$.periods[1].noShowRate").isEqualTo(0.5);
    get("/v1/reports/bookings?" + RANGE + "&groupBy=month").expectStatus().isOk().expectBody()
        .jsonPath("$.periods.length()").isEqualTo(1)
        .jsonPath("$.periods[0].period").isEqualTo("2026-03")
        .jsonPath("$.periods[0].created").isEqualTo(4);

    String csv = csv("/v1/reports/bookings?" + RANGE + "&groupBy=week");
    assertThat(csv).isEqualTo("""
        period,created,confirmed,cancelled,noShows,completed,rescheduled,cancellationRate,noShowRate\r
        2026-W13,3,3,0,0,0,0,0.0000,\r
        2026-W14,1,1,1,1,1,1,1.0000,0.5000\r
        total,4,4,1,1,1,1,0.2500,0.5000\r
        """);
  }

  @Test
  void bookingFiltersByLinkAndService() {
    get("/v1/reports/bookings?" + RANGE + "&linkId=" + script.linkL).expectStatus().isOk().expectBody()
        .jsonPath("$.totals.created").isEqualTo(1)
        .jsonPath("$.totals.confirmed").isEqualTo(1)
        .jsonPath("$.totals.completed").isEqualTo(1)
        .jsonPath("$.totals.cancelled").isEqualTo(0)
        .jsonPath("$.periods[1].created").isEqualTo(1);
    get("/v1/reports/bookings?" + RANGE + "&serviceId=" + script.serviceOfD).expectStatus().isOk().expectBody()
        .jsonPath("$.totals.created").isEqualTo(1)
        .jsonPath("$.totals.noShows").isEqualTo(1)
        .jsonPath("$.totals.noShowRate").isEqualTo(1.0);
  }

  @Test
  void theFunnelCountsViewsAsViews() {
    get("/v1/reports/funnel?" + RANGE).expectStatus().isOk().expectBody()
        .jsonPath("$.totals.views").isEqualTo(17)
        .jsonPath("$.totals.slotSearches").isEqualTo(4)
        .jsonPath("$.totals.bookings").isEqualTo(1)
        .jsonPath("$.totals.completed").isEqualTo(1)
        .jsonPath("$.totals.viewToBookingRate").isEqualTo(0.0588)
        .jsonPath("$.links[?(@.linkId == '" + script.linkL + "')].views").isEqualTo(8)
        .jsonPath("$.links[?(@.linkId == '" + script.linkL + "')].slotSearches").isEqualTo(4)
        .jsonPath("$.links[?(@.linkId == '" + script.linkL + "')].completed").isEqualTo(1)
        .jsonPath("$.links[?(@.linkId == '" + script.linkM + "')].views").isEqualTo(9)
        .jsonPath("$.links[?(@.linkId == '" + script.linkM + "')].bookings").isEqualTo(0);
    String csv = csv("/v1/reports/funnel?" + RANGE);
    assertThat(csv.split("\r\n")).containsExactlyInAnyOrder(
        "linkId,views,slotSearches,bookings,completed,viewToBookingRate",
        script.linkL + ",8,4,1,1,0.1250",
        script.linkM + ",9,0,0,0,0.0000",
        "total,17,4,1,1,0.0588");
  }

  @Test
  void claimsPerPayerWithTheTimeToDecision() {
    get("/v1/reports/claims?" + RANGE).expectStatus().isOk().expectBody()
        .jsonPath("$.totals.submitted").isEqualTo(3)
        .jsonPath("$.totals.approved").isEqualTo(1)
        .jsonPath("$.totals.rejected").isEqualTo(1)
        .jsonPath("$.totals.approvalRate").isEqualTo(0.5)
        .jsonPath("$.totals.averageDaysToDecision").isEqualTo(1.22)
        .jsonPath("$.payers.length()").isEqualTo(2)
        .jsonPath("$.payers[0].payer").isEqualTo("Acme Health")
        .jsonPath("$.payers[0].planId").isEqualTo(script.planAcme.toString())
        .jsonPath("$.payers[0].submitted").isEqualTo(2)
        .jsonPath("$.payers[1].payer").isEqualTo("Beta Insure")
        .jsonPath("$.payers[1].approvalRate").isEmpty()
        .jsonPath("$.periods[1].submitted").isEqualTo(2)
        .jsonPath("$.periods[2].period").isEqualTo("2026-03-30")
        .jsonPath("$.periods[2].rejected").isEqualTo(1);
    assertThat(csv("/v1/reports/claims?" + RANGE + "&groupBy=month")).isEqualTo(
        "period,payer,planId,submitted,approved,rejected,approvalRate,averageDaysToDecision\r\n"
            + "2026-03,,,3,1,1,0.5000,1.22\r\n"
            + "total,Acme Health," + script.planAcme + ",2,1,1,0.5000,1.22\r\n"
            + "total,Beta Insure," + script.planBeta + ",1,0,0,,\r\n"
            + "total,,,3,1,1,0.5000,1.22\r\n");
  }

  @Test
  void utilisationIsBookedOverWorkingMinutesOnTheZonesDays() {
    get("/v1/reports/utilisation?" + RANGE + "&providerId=" + script.providerP).expectStatus().isOk().expectBody()
        .jsonPath("$.providers.length()").isEqualTo(1)
        .jsonPath("$.providers[0].name").isEqualTo("Dr. Alder")
        .jsonPath("$.providers[0].periods[0].workingMinutes").isEqualTo(180)
        .jsonPath("$.providers[0].periods[1].workingMinutes").isEqualTo(120) // the DST Sunday: 01:00 CET to 04:00 CEST
        .jsonPath("$.providers[0].periods[1].bookedMinutes").isEqualTo(30)
        .jsonPath("$.providers[0].periods[1].utilisation").isEqualTo(0.25)
        .jsonPath("$.providers[0].periods[2].utilisation").isEqualTo(0.0625)
        .jsonPath("$.providers[0].periods[3].utilisation").isEmpty()
        .jsonPath("$.totals.bookedMinutes").isEqualTo(60)
        .jsonPath("$.totals.workingMinutes").isEqualTo(780)
        .jsonPath("$.totals.utilisation").isEqualTo(0.0769);
    assertThat(csv("/v1/reports/utilisation?" + RANGE + "&groupBy=week&providerId=" + script.providerP)).isEqualTo(
        "period,providerId,provider,bookedMinutes,workingMinutes,utilisation\r\n"
            + "2026-W13," + script.providerP + ",Dr. Alder,30,300,0.1000\r\n"
            + "2026-W14," + script.providerP + ",Dr. Alder,30,480,0.0625\r\n"
            + "total," + script.providerP + ",Dr. Alder,60,780,0.0769\r\n"
            + "total,,,60,780,0.0769\r\n");
  }

  @Test
  void everyEventDeliveredTwiceGivesTheSameReports() {
    List<String> queries = List.of("/v1/reports/bookings?" + RANGE, "/v1/reports/bookings?" + RANGE + "&groupBy=week",
        "/v1/reports/funnel?" + RANGE, "/v1/reports/claims?" + RANGE, "/v1/reports/utilisation?" + RANGE, "/v1/reports/events?" + RANGE);
    Map<String, Map<?, ?>> first = new LinkedHashMap<>();
    queries.forEach(q -> first.put(q, figures(q)));
    try (KafkaEvents kafka = new KafkaEvents()) {
      List<RecordMetadata> again = kafka.sendAll(script.events());
      KafkaEvents.awaitPast(sql, "analytics", again);
    }
    queries.forEach(q -> assertThat(figures(q)).as(q).isEqualTo(first.get(q)));
    assertThat(sent).isNotEmpty();
  }

  /** A report's answer without its freshness, which moves on its own. */
  private Map<?, ?> figures(String query) {
    Map<?, ?> body = get(query, "no-cache").expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    Map<Object, Object> copy = new LinkedHashMap<>(body);
    copy.remove("asOf");
    copy.remove("lagSeconds");
    return copy;
  }

  private WebTestClient.ResponseSpec get(String uri) {
    return get(uri, "no-cache");
  }

  private WebTestClient.ResponseSpec get(String uri, String cacheControl) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .exchange();
  }

  private String csv(String uri) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.ACCEPT, "text/csv")
        .exchange()
        .expectStatus().isOk()
        .expectHeader().contentType("text/csv;charset=UTF-8")
        .expectHeader().exists("Bookpay-As-Of")
        .expectHeader().exists("Bookpay-Lag-Seconds")
        .expectBody(String.class).returnResult().getResponseBody();
  }
}
