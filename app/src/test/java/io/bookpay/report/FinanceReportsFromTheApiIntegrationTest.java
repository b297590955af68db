package io.bookpay.report;

import static io.bookpay.invoice.MoneyFixture.line;
import static org.awaitility.Awaitility.await;

import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
    m.openInvoice(m.customerId, 4_000, "USD");

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
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec report(TestTenant tenant, String uri) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey()).header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .exchange().expectStatus().isOk();
  }
}
