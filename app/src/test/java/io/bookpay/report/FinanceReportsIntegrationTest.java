package io.bookpay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventEnvelope;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The finance reports over {@link FinanceScript}, a clinic's money around the start of summer time
 * in Berlin: the figures the script expects, in JSON and CSV, by day and week, on the tenant's days
 * (a report in UTC days would show other numbers: the card payment at 22:30 UTC on 03-29 is Berlin's
 * 03-30, invoice 1 finalized at 23:30 UTC on 03-28 is Berlin's 03-29); the same answers when every
 * event is delivered again; and a cached answer dropped when the finance consumer applies more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinanceReportsIntegrationTest extends IntegrationTest {

  private static final String RANGE = "from=2026-03-28&to=2026-03-31";

  private TestTenant tenant;
  private FinanceScript script;

  @BeforeAll
  void playTheScript() {
    tenant = newTenant(client(port));
    script = new FinanceScript(tenant.id());
    try (KafkaEvents kafka = new KafkaEvents()) {
      kafka.send(script.zone());
      KafkaEvents.awaitApplied(sql, "finance", List.of(script.zone().eventId()));
      kafka.sendAll(script.events());
      KafkaEvents.awaitApplied(sql, "finance", script.events().stream().map(EventEnvelope::eventId).toList());
    }
  }

  @Test
  void financialTotalsByMethodAndLineKind() {
    get("/v1/reports/financial?" + RANGE + "&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.currency").isEqualTo("EUR")
        .jsonPath("$.timeZone").isEqualTo("Europe/Berlin")
        .jsonPath("$.asOf").exists()
        .jsonPath("$.lagSeconds").isNumber()
        .jsonPath("$.totals.byMethod.CASH").isEqualTo(10000)
        .jsonPath("$.totals.byMethod.CARD").isEqualTo(11000)
        .jsonPath("$.totals.byMethod.EXTERNAL").isEqualTo(20000)
        .jsonPath("$.totals.byMethod.INSURANCE").isEqualTo(7000)
        .jsonPath("$.totals.byMethod.GIFT_CARD").isEqualTo(4000)
        .jsonPath("$.totals.gross").isEqualTo(48000)
        .jsonPath("$.totals.giftCardRedemptions").isEqualTo(4000)
        .jsonPath("$.totals.refundsByMethod.CARD").isEqualTo(2000)
        .jsonPath("$.totals.refundsByMethod.GIFT_CARD").isEqualTo(4000)
        .jsonPath("$.totals.refundsByMethod.CASH").isEqualTo(0)
        .jsonPath("$.totals.refunds").isEqualTo(2000)
        .jsonPath("$.totals.giftCardRefunds").isEqualTo(4000)
        .jsonPath("$.totals.net").isEqualTo(46000)
        .jsonPath("$.totals.discounts").isEqualTo(500)
        .jsonPath("$.totals.tax").isEqualTo(1000)
        .jsonPath("$.totals.invoiced").isEqualTo(57500)
        .jsonPath("$.totals.invoices").isEqualTo(7)
        .jsonPath("$.totals.capturedAfterCancel").isEqualTo(1500)
        .jsonPath("$.totals.capturedAfterCancelRefunded").isEqualTo(1500)
        .jsonPath("$.totals.byLineKind.SERVICE").isEqualTo(21000)
        .jsonPath("$.totals.byLineKind.PRODUCT").isEqualTo(3000)
        .jsonPath("$.totals.byLineKind.PACKAGE").isEqualTo(20000)
        .jsonPath("$.totals.byLineKind.MEMBERSHIP").isEqualTo(3000)
        .jsonPath("$.totals.byLineKind.GIFT_CARD").isEqualTo(5000)
        .jsonPath("$.totals.refundsByLineKind.SERVICE").isEqualTo(5538)
        .jsonPath("$.totals.refundsByLineKind.PRODUCT").isEqualTo(462);
  }

  @Test
  void financialPeriodsAreTheTenantsDaysAndWeeks() {
    get("/v1/reports/financial?" + RANGE + "&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.periods.length()").isEqualTo(4)
        .jsonPath("$.periods[0].period").isEqualTo("2026-03-28")
        .jsonPath("$.periods[0].gross").isEqualTo(5000)
        .jsonPath("$.periods[0].invoiced").isEqualTo(7500)
        .jsonPath("$.periods[1].period").isEqualTo("2026-03-29")
        .jsonPath("$.periods[1].gross").isEqualTo(5000)
        .jsonPath("$.periods[1].giftCardRedemptions").isEqualTo(4000)
        .jsonPath("$.periods[1].discounts").isEqualTo(500)
        .jsonPath("$.periods[1].tax").isEqualTo(1000)
        .jsonPath("$.periods[1].invoiced").isEqualTo(27000)
        .jsonPath("$.periods[2].gross").isEqualTo(35000)
        .jsonPath("$.periods[2].refunds").isEqualTo(2000)
        .jsonPath("$.periods[2].net").isEqualTo(33000)
        .jsonPath("$.periods[2].byMethod.CARD").isEqualTo(8000)
        .jsonPath("$.periods[3].gross").isEqualTo(3000)
        .jsonPath("$.periods[3].refunds").isEqualTo(0)
        .jsonPath("$.periods[3].giftCardRefunds").isEqualTo(4000)
        .jsonPath("$.periods[3].net").isEqualTo(3000);
    get("/v1/reports/financial?" + RANGE + "&currency=EUR&groupBy=week").expectStatus().isOk().expectBody()
        .jsonPath("$.periods.length()").isEqualTo(2)
        .jsonPath("$.periods[0].period").isEqualTo("2026-W13")
        .jsonPath("$.periods[0].gross").isEqualTo(10000)
        .jsonPath("$.periods[1].period").isEqualTo("2026-W14")
        .jsonPath("$.periods[1].gross").isEqualTo(38000)
        .jsonPath("$.periods[1].net").isEqualTo(36000);
  }

  @Test
  void revenuePerServiceProviderAndLocationAndInsurancePerPayer() {
    get("/v1/reports/financial?" + RANGE + "&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.revenue.byService.length()").isEqualTo(2)
        .jsonPath("$.revenue.byService[0].id").isEqualTo(script.service1.toString())
        .jsonPath("$.revenue.byService[0].amount").isEqualTo(17000)
        .jsonPath("$.revenue.byService[1].amount").isEqualTo(4000)
        .jsonPath("$.revenue.byProvider[0].id").isEqualTo(script.provider1.toString())
        .jsonPath("$.revenue.byProvider[0].amount").isEqualTo(14000)
        .jsonPath("$.revenue.byProvider[1].amount").isEqualTo(7000)
        .jsonPath("$.revenue.byLocation[0].amount").isEqualTo(21000)
        .jsonPath("$.insurance.submitted").isEqualTo(2)
        .jsonPath("$.insurance.approvedClaims").isEqualTo(1)
        .jsonPath("$.insurance.rejected").isEqualTo(1)
        .jsonPath("$.insurance.claimed").isEqualTo(15000)
        .jsonPath("$.insurance.expected").isEqualTo(12000)
        .jsonPath("$.insurance.approved").isEqualTo(7000)
        .jsonPath("$.insurance.applied").isEqualTo(7000)
        .jsonPath("$.insurance.payers.length()").isEqualTo(2)
        .jsonPath("$.insurance.payers[0].payer").isEqualTo("Acme Health")
        .jsonPath("$.insurance.payers[0].claimed").isEqualTo(10000)
        .jsonPath("$.insurance.payers[0].applied").isEqualTo(7000)
        .jsonPath("$.insurance.payers[1].payer").isEqualTo("Beta Insure")
        .jsonPath("$.insurance.payers[1].rejected").isEqualTo(1)
        .jsonPath("$.insurance.payers[1].approved").isEqualTo(0);
  }

  @Test
  void oneCurrencyPerAnswer() {
    get("/v1/reports/financial?" + RANGE).expectStatus().isBadRequest().expectBody()
        .jsonPath("$.errors[0].field").isEqualTo("currency")
        .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("EUR, USD"));
    get("/v1/reports/financial?" + RANGE + "&currency=usd").expectStatus().isOk().expectBody()
        .jsonPath("$.currency").isEqualTo("USD")
        .jsonPath("$.totals.gross").isEqualTo(1000)
        .jsonPath("$.totals.byMethod.CASH").isEqualTo(1000)
        .jsonPath("$.totals.byLineKind.SERVICE").isEqualTo(1000);
    get("/v1/reports/gift-cards?" + RANGE).expectStatus().isBadRequest();
  }

  @Test
  void financialAsCsv() {
    String csv = csv("/v1/reports/financial?" + RANGE + "&currency=EUR&groupBy=week");
    assertThat(csv).startsWith("period,currency,figure,key,amount\r\n2026-W13,EUR,gross,,10000\r\n");
    assertThat(csv.split("\r\n")).contains(
        "2026-W14,EUR,net,,36000",
        "2026-W14,EUR,byMethod,CARD,11000",
        "total,EUR,gross,,48000",
        "total,EUR,refunds,,2000",
        "total,EUR,giftCardRedemptions,,4000",
        "total,EUR,byLineKind,PACKAGE,20000",
        "total,EUR,revenueByService," + script.service1 + ",17000",
        "total,EUR,insurance.applied,Acme Health,7000");
  }

  @Test
  void receivablesAgeByDueDateOrFinalizeDay() {
    get("/v1/reports/receivables?on=2026-03-31&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.currency").isEqualTo("EUR")
        .jsonPath("$.on").isEqualTo("2026-03-31")
        .jsonPath("$.asOf").exists()
        .jsonPath("$.lagSeconds").isNumber()
        .jsonPath("$.totalOutstanding").isEqualTo(12000)
        .jsonPath("$.invoices").isEqualTo(3)
        .jsonPath("$.buckets['0-30']").isEqualTo(3000)
        .jsonPath("$.buckets['31-60']").isEqualTo(0)
        .jsonPath("$.buckets['61-90']").isEqualTo(4000)
        .jsonPath("$.buckets['90+']").isEqualTo(5000);
    // Two days earlier: invoice 1 half paid, invoice 7 not yet voided; the card payment of 22:30 UTC on 03-29 is Berlin's 03-30.
    get("/v1/reports/receivables?on=2026-03-29&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.totalOutstanding").isEqualTo(29500)
        .jsonPath("$.invoices").isEqualTo(5)
        .jsonPath("$.buckets['0-30']").isEqualTo(20500)
        .jsonPath("$.buckets['61-90']").isEqualTo(4000)
        .jsonPath("$.buckets['90+']").isEqualTo(5000);
    assertThat(csv("/v1/reports/receivables?on=2026-03-31&currency=EUR")).isEqualTo(
        "on,currency,totalOutstanding,invoices,0-30,31-60,61-90,90+\r\n2026-03-31,EUR,12000,3,3000,0,4000,5000\r\n");
    get("/v1/reports/receivables?on=2026-03-31&currency=USD").expectStatus().isOk().expectBody()
        .jsonPath("$.totalOutstanding").isEqualTo(0);
  }

  @Test
  void giftCardLiability() {
    get("/v1/reports/gift-cards?" + RANGE + "&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.currency").isEqualTo("EUR")
        .jsonPath("$.asOf").exists()
        .jsonPath("$.issued").isEqualTo(8000)
        .jsonPath("$.issuedWithoutPayment").isEqualTo(3000)
        .jsonPath("$.redeemed").isEqualTo(4000)
        .jsonPath("$.refunded").isEqualTo(4000)
        .jsonPath("$.adjusted").isEqualTo(-500)
        .jsonPath("$.reversed").isEqualTo(0)
        .jsonPath("$.outstanding").isEqualTo(8500);
    get("/v1/reports/gift-cards?from=2026-03-28&to=2026-03-29&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.outstanding").isEqualTo(5000);
    assertThat(csv("/v1/reports/gift-cards?" + RANGE + "&currency=EUR")).isEqualTo("""
        period,currency,issued,issuedWithoutPayment,redeemed,refunded,adjusted,reversed,outstanding\r
        2026-03-28,EUR,5000,0,0,0,0,0,6000\r
        2026-03-29,EUR,3000,3000,4000,0,0,0,5000\r
        2026-03-30,EUR,0,0,0,0,-500,0,4500\r
        2026-03-31,EUR,0,0,0,4000,0,0,8500\r
        total,EUR,8000,3000,4000,4000,-500,0,8500\r
        """);
  }

  @Test
  void packagesAndMemberships() {
    get("/v1/reports/packages?" + RANGE + "&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.sold").isEqualTo(1)
        .jsonPath("$.soldAmount").isEqualTo(20000)
        .jsonPath("$.sessionsSold").isEqualTo(5)
        .jsonPath("$.sessionsRedeemed").isEqualTo(1)
        .jsonPath("$.sessionsReversed").isEqualTo(0)
        .jsonPath("$.sessionsOutstanding").isEqualTo(4);
    assertThat(csv("/v1/reports/packages?" + RANGE + "&currency=EUR&groupBy=week")).isEqualTo("""
        period,currency,sold,soldAmount,sessionsSold,sessionsRedeemed,sessionsReversed,sessionsOutstanding\r
        2026-W13,EUR,0,0,0,0,0,0\r
        2026-W14,EUR,1,20000,5,1,0,4\r
        total,EUR,1,20000,5,1,0,4\r
        """);
    get("/v1/reports/memberships?" + RANGE + "&currency=EUR").expectStatus().isOk().expectBody()
        .jsonPath("$.started").isEqualTo(2)
        .jsonPath("$.ended").isEqualTo(1)
        .jsonPath("$.active").isEqualTo(1)
        .jsonPath("$.mrr").isEqualTo(3000);
    assertThat(csv("/v1/reports/memberships?" + RANGE + "&currency=EUR")).isEqualTo("""
        period,currency,started,ended,active,mrr\r
        2026-03-28,EUR,1,0,1,1000\r
        2026-03-29,EUR,0,0,1,1000\r
        2026-03-30,EUR,0,1,0,0\r
        2026-03-31,EUR,1,0,1,3000\r
        total,EUR,2,1,1,3000\r
        """);
  }

  @Test
  void everyEventDeliveredTwiceGivesTheSameReports() {
    List<String> queries = List.of("/v1/reports/financial?" + RANGE + "&currency=EUR",
        "/v1/reports/financial?" + RANGE + "&currency=USD&groupBy=week", "/v1/reports/receivables?on=2026-03-31&currency=EUR",
        "/v1/reports/receivables?on=2026-03-29&currency=EUR", "/v1/reports/gift-cards?" + RANGE + "&currency=EUR",
        "/v1/reports/packages?" + RANGE + "&currency=EUR", "/v1/reports/memberships?" + RANGE + "&currency=EUR");
    Map<String, Map<?, ?>> first = new LinkedHashMap<>();
    queries.forEach(q -> first.put(q, figures(q)));
    try (KafkaEvents kafka = new KafkaEvents()) {
      List<EventEnvelope> again = new ArrayList<>(script.events());
      again.add(script.zone());
      List<RecordMetadata> sent = kafka.sendAll(again);
      KafkaEvents.awaitPast(sql, "finance", sent);
    }
    queries.forEach(q -> assertThat(figures(q)).as(q).isEqualTo(first.get(q)));
  }

  @Test
  void aCachedAnswerIsDroppedWhenTheFinanceConsumerAppliesTheTenantsEvents() {
    TestTenant other = newTenant();
    String query = "/v1/reports/gift-cards?from=2026-03-01&to=2026-03-31";
    try (KafkaEvents kafka = new KafkaEvents()) {
      issue(kafka, other.id(), 700);
      assertThat(outstanding(other, query)).isEqualTo(700);
      sql.update("INSERT INTO finance_gift_card_moves (tenant_id, event_id, gift_card_id, day, currency, kind, amount)"
          + " VALUES (?, ?, ?, '2026-03-10', 'EUR', 'ADJUSTED', 5)", other.id(), UUID.randomUUID(), UUID.randomUUID());
      assertThat(outstanding(other, query)).as("served from the cache").isEqualTo(700);
      issue(kafka, other.id(), 300);
      await().atMost(Duration.ofSeconds(10)).until(() -> outstanding(other, query) == 1005);
    }
  }

  private void issue(KafkaEvents kafka, UUID tenantId, long amount) {
    EventEnvelope event = EventEnvelope.wrap(UUID.randomUUID(), tenantId, Instant.parse("2026-03-10T10:00:00Z"),
        new GiftCardIssued(UUID.randomUUID(), UUID.randomUUID(), null, amount, "EUR", null));
    kafka.send(event);
    KafkaEvents.awaitApplied(sql, "finance", List.of(event.eventId()));
  }

  private long outstanding(TestTenant who, String query) {
    Map<?, ?> body = http.get().uri(query).header(HttpHeaders.AUTHORIZATION, "Bearer " + who.apiKey()).exchange()
        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    return ((Number) body.get("outstanding")).longValue();
  }

  /** A report's answer without its freshness, which moves on its own. */
  private Map<?, ?> figures(String query) {
    Map<?, ?> body = get(query).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    Map<Object, Object> copy = new LinkedHashMap<>(body);
    copy.remove("asOf");
    copy.remove("lagSeconds");
    return copy;
  }

  private WebTestClient.ResponseSpec get(String uri) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.CACHE_CONTROL, "no-cache")
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
