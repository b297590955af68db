package io.bookpay.report;

import static io.bookpay.invoice.MoneyFixture.line;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * From the write side to the finance reports: an invoice paid in cash and with a gift card issued
 * through the API, part of the card payment refunded onto the card, the card adjusted by hand, and
 * another invoice left open reach /financial, /gift-cards and /receivables through the outbox,
 * Kafka and the finance consumer, on the tenant's day (a zone at UTC+14, rarely the UTC day).
 */
class FinanceReportsFromTheApiIntegrationTest extends IntegrationTest {

  @Test
  void moneyMovedThroughTheApiShowsInTheFinanceReports() {
    TestTenant tenant = newTenant();
    ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
    http.patch().uri("/v1/tenant").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .contentType(MediaType.valueOf("application/merge-patch+json")).bodyValue(Map.of("timeZone", kiritimati.getId()))
        .exchange().expectStatus().isOk();
    LocalDate today = LocalDate.now(kiritimati);
    String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/gift-cards?" + range).expectBody()
        .jsonPath("$.timeZone").isEqualTo(kiritimati.getId()));

    MoneyFixture m = new MoneyFixture(http, tenant);
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("SERVICE", "Facial", 1, 1_000, null, null),
        line("PRODUCT", "Serum", 1, 1_000, null, null), line("SERVICE", "Massage", 1, 1_000, null, null)), null);
    m.ok("/v1/invoices/" + invoice + "/finalize", null);
    Map<String, Object> card = m.giftCard(5_000);
    m.pay(invoice, "CASH", 100);
    String byCard = (String) m.created("/v1/invoices/" + invoice + "/payments",
        Map.of("method", "GIFT_CARD", "amount", 2_900, "giftCardCode", card.get("code"))).get("id");
    m.created("/v1/payments/" + byCard + "/refunds", Map.of("amount", 1_000));
    m.ok("/v1/gift-cards/" + card.get("id") + "/adjustments", Map.of("amount", -500, "note", "damaged"));
    UUID open = m.openInvoice(m.customerId, 4_000, "USD");

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/financial?" + range).expectBody()
        .jsonPath("$.currency").isEqualTo("USD")
        .jsonPath("$.totals.byMethod.CASH").isEqualTo(100)
        .jsonPath("$.totals.byMethod.GIFT_CARD").isEqualTo(2_900)
        .jsonPath("$.totals.gross").isEqualTo(100)
        .jsonPath("$.totals.giftCardRedemptions").isEqualTo(2_900)
        .jsonPath("$.totals.refundsByMethod.GIFT_CARD").isEqualTo(1_000)
        .jsonPath("$.totals.refunds").isEqualTo(0)
        .jsonPath("$.totals.giftCardRefunds").isEqualTo(1_000)
        .jsonPath("$.totals.net").isEqualTo(100)
        .jsonPath("$.totals.byLineKind.SERVICE").isEqualTo(2_000)
        .jsonPath("$.totals.byLineKind.PRODUCT").isEqualTo(1_000)
        .jsonPath("$.totals.invoiced").isEqualTo(7_000)
        .jsonPath("$.periods[?(@.period == '" + today + "')].gross").isEqualTo(100));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/gift-cards?" + range).expectBody()
        .jsonPath("$.issued").isEqualTo(5_000)
        .jsonPath("$.issuedWithoutPayment").isEqualTo(5_000)
        .jsonPath("$.redeemed").isEqualTo(2_900)
        .jsonPath("$.refunded").isEqualTo(1_000)
        .jsonPath("$.adjusted").isEqualTo(-500)
        .jsonPath("$.outstanding").isEqualTo(2_600));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/receivables?on=" + today).expectBody()
        .jsonPath("$.totalOutstanding").isEqualTo(4_000)
        .jsonPath("$.invoices").isEqualTo(1)
        .jsonPath("$.buckets['0-30']").isEqualTo(4_000));

    // Caught up, the projection agrees with the source tables; a row changed behind its back shows.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/reconciliation?" + range).expectBody()
        .jsonPath("$.differences.length()").isEqualTo(0));
    sql.update("UPDATE invoices SET tax = tax + 7, total = total + 7 WHERE id = ?", open);
    sql.update("UPDATE gift_card_ledger SET amount = amount - 1 WHERE gift_card_id = ? AND kind = 'ADJUST'", UUID.fromString((String) card.get("id")));
    report(tenant, "/v1/reports/reconciliation?" + range).expectBody()
        .jsonPath("$.differences.length()").isEqualTo(3)
        .jsonPath("$.differences[?(@.figure == 'tax')].period").isEqualTo(today.toString())
        .jsonPath("$.differences[?(@.figure == 'tax')].currency").isEqualTo("USD")
        .jsonPath("$.differences[?(@.figure == 'tax')].projection").isEqualTo(0)
        .jsonPath("$.differences[?(@.figure == 'tax')].source").isEqualTo(7)
        .jsonPath("$.differences[?(@.figure == 'invoiced')].projection").isEqualTo(7_000)
        .jsonPath("$.differences[?(@.figure == 'invoiced')].source").isEqualTo(7_007)
        .jsonPath("$.differences[?(@.figure == 'giftCardOutstanding')].period").isEqualTo(today.plusDays(1).toString())
        .jsonPath("$.differences[?(@.figure == 'giftCardOutstanding')].projection").isEqualTo(2_600)
        .jsonPath("$.differences[?(@.figure == 'giftCardOutstanding')].source").isEqualTo(2_599);
    String csv = http.get().uri("/v1/reports/reconciliation?" + range).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
        .header(HttpHeaders.ACCEPT, "text/csv").header(HttpHeaders.CACHE_CONTROL, "no-cache").exchange().expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")).contains("figure,currency,period,projection,source",
        "tax,USD," + today + ",0,7");
  }

  @Test
  @SuppressWarnings("unchecked")
  void insuranceAPackageAndAMembershipSoldThroughTheApiShowInTheFinanceReports() {
    TestTenant tenant = newTenant();
    CatalogFixture catalog = new CatalogFixture(http, tenant).build(1);
    MoneyFixture m = new MoneyFixture(http, tenant);
    LocalDate today = LocalDate.now(ZoneOffset.UTC); // no zone set: UTC
    String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

    // An insurer approves 30,000 of a 40,000 treatment (80 % after a 2,000 copay: 30,400 expected) and the claim pays the invoice.
    UUID plan = id(m.created("/v1/insurance-plans", Map.of("name", "Gold PPO", "payer", "Acme Health", "planCode", "G-" + UUID.randomUUID())));
    m.created("/v1/insurance-plans/" + plan + "/coverage-rules", Map.of("serviceId", catalog.serviceId, "coveragePercent", 80,
        "copayAmount", 2_000, "annualLimitAmount", 50_000, "currency", "EUR"));
    m.created("/v1/enrolments", Map.of("customerId", m.customerId, "planId", plan, "memberNumber", "M-" + UUID.randomUUID(),
        "validFrom", "2026-01-01"));
    UUID treated = m.draft(m.customerId, "EUR", List.of(line("SERVICE", "Laser", 1, 40_000, null, catalog.serviceId)), null);
    m.ok("/v1/invoices/" + treated + "/finalize", null);
    UUID claim = id(m.created("/v1/claims", Map.of("customerId", m.customerId, "planId", plan, "invoiceId", treated,
        "items", List.of(Map.of("serviceId", catalog.serviceId, "amount", 40_000)))));
    for (Map<String, Object> step : List.of(Map.<String, Object>of("to", "SUBMITTED"), Map.<String, Object>of("to", "UNDER_REVIEW"),
        Map.<String, Object>of("to", "APPROVED", "approvedAmount", 30_000))) {
      String etag = http.get().uri("/v1/claims/" + claim).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).exchange()
          .expectStatus().isOk().returnResult(Map.class).getResponseHeaders().getETag();
      http.post().uri("/v1/claims/" + claim + "/transitions").header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
          .header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON).bodyValue(step).exchange().expectStatus().isOk();
    }
    m.ok("/v1/claims/" + claim + "/apply", null);

    // A package of two sessions and a monthly membership, paid by bank transfer.
    UUID pkg = id(m.created("/v1/packages", Map.of("name", "Two lasers", "serviceId", catalog.serviceId, "sessions", 2,
        "priceAmount", 40_000, "currency", "EUR")));
    UUID tier = id(m.created("/v1/membership-tiers", Map.of("name", "Gold", "priceAmount", 9_900, "currency", "EUR", "period", "MONTH")));
    UUID sale = m.draft(m.customerId, "EUR", List.of(line("PACKAGE", "Two lasers", 1, 40_000, null, pkg),
        line("MEMBERSHIP", "Gold", 1, 9_900, null, tier)), null);
    m.ok("/v1/invoices/" + sale + "/finalize", null);
    m.pay(sale, "EXTERNAL", 49_900);
    List<Map<String, Object>> purchases = (List<Map<String, Object>>) m.get("/v1/package-purchases?customerId=" + m.customerId).get("items");
    UUID booking = id(m.created("/v1/bookings", Map.of("serviceId", catalog.serviceId, "providerId", catalog.provider(),
        "customerId", m.customerId, "start", CatalogFixture.nextWeekAt(10, 0).toString())));
    m.ok("/v1/package-purchases/" + purchases.get(0).get("id") + "/redemptions", Map.of("bookingId", booking));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/financial?" + range).expectBody()
        .jsonPath("$.currency").isEqualTo("EUR")
        .jsonPath("$.totals.byMethod.INSURANCE").isEqualTo(30_000)
        .jsonPath("$.totals.byMethod.EXTERNAL").isEqualTo(49_900)
        .jsonPath("$.totals.gross").isEqualTo(79_900)
        .jsonPath("$.totals.invoiced").isEqualTo(89_900)
        .jsonPath("$.totals.byLineKind.SERVICE").isEqualTo(30_000)
        .jsonPath("$.totals.byLineKind.PACKAGE").isEqualTo(40_000)
        .jsonPath("$.totals.byLineKind.MEMBERSHIP").isEqualTo(9_900)
        .jsonPath("$.insurance.submitted").isEqualTo(1)
        .jsonPath("$.insurance.approvedClaims").isEqualTo(1)
        .jsonPath("$.insurance.claimed").isEqualTo(40_000)
        .jsonPath("$.insurance.expected").isEqualTo(30_400)
        .jsonPath("$.insurance.approved").isEqualTo(30_000)
        .jsonPath("$.insurance.applied").isEqualTo(30_000)
        .jsonPath("$.insurance.payers[0].payer").isEqualTo("Acme Health"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/packages?" + range).expectBody()
        .jsonPath("$.sold").isEqualTo(1)
        .jsonPath("$.soldAmount").isEqualTo(40_000)
        .jsonPath("$.sessionsSold").isEqualTo(2)
        .jsonPath("$.sessionsRedeemed").isEqualTo(1)
        .jsonPath("$.sessionsOutstanding").isEqualTo(1));
    report(tenant, "/v1/reports/memberships?" + range).expectBody()
        .jsonPath("$.started").isEqualTo(1)
        .jsonPath("$.active").isEqualTo(1)
        .jsonPath("$.mrr").isEqualTo(9_900);
    report(tenant, "/v1/reports/receivables?on=" + today).expectBody()
        .jsonPath("$.totalOutstanding").isEqualTo(10_000);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> report(tenant, "/v1/reports/reconciliation?" + range).expectBody()
        .jsonPath("$.differences.length()").isEqualTo(0));
  }

  private static UUID id(Map<String, Object> body) {
    return UUID.fromString((String) body.get("id"));
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec report(TestTenant tenant, String uri) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .exchange().expectStatus().isOk();
  }
}
