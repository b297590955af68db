package io.bookpay.invoice;

import static io.bookpay.invoice.MoneyFixture.line;
import static io.bookpay.invoice.MoneyFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Bad money input gets a clear 4xx problem and writes nothing. */
class MoneyBadInputIntegrationTest extends IntegrationTest {

  private Map<String, Object> invoiceBody(MoneyFixture m, Map<String, Object> line) {
    return new HashMap<>(Map.of("customerId", m.customerId, "currency", "USD", "lineItems", List.of(line)));
  }

  @Test
  void badInvoicesAreRefusedAndNothingIsWritten() {
    MoneyFixture m = new MoneyFixture(http);
    Map<String, Object> ok = line("PRODUCT", "Serum", 1, 1_000, null, null);
    UUID pkg = UUID.fromString((String) m.created("/v1/membership-tiers", Map.of("name", "Euro tier", "priceAmount", 1_000,
        "currency", "EUR", "period", "YEAR")).get("id"));

    problem(m.post("/v1/invoices", invoiceBody(m, line("PRODUCT", "Serum", 1, -1, null, null))), 400);
    problem(m.post("/v1/invoices", invoiceBody(m, line("PRODUCT", "Serum", 0, 1_000, null, null))), 400);
    problem(m.post("/v1/invoices", invoiceBody(m, line("PRODUCT", " ", 1, 1_000, null, null))), 400);
    problem(m.post("/v1/invoices", invoiceBody(m, line("PRODUCT", "Serum", 1, 1_000, 101, null))), 400);
    problem(m.post("/v1/invoices", invoiceBody(m, line("PRODUCT", "Serum", 1, 1_000, "8.12345", null))), 400);
    problem(m.post("/v1/invoices", invoiceBody(m, line("PACKAGE", "Five facials", 1, 1_000, null, null))), 400);
    problem(m.post("/v1/invoices", invoiceBody(m, line("GIFT_CARD", "Gift card", 1, 0, null, null))), 400);
    problem(m.post("/v1/invoices", invoiceBody(m, line("BANANA", "Serum", 1, 1_000, null, null))), 400);
    Map<String, Object> lowerCase = invoiceBody(m, ok);
    lowerCase.put("currency", "usd");
    problem(m.post("/v1/invoices", lowerCase), 400);
    Map<String, Object> unknownCurrency = invoiceBody(m, ok);
    unknownCurrency.put("currency", "QQQ");
    assertThat(problem(m.post("/v1/invoices", unknownCurrency), 400).get("detail").toString()).contains("ISO 4217");
    Map<String, Object> noLines = invoiceBody(m, ok);
    noLines.put("lineItems", List.of());
    problem(m.post("/v1/invoices", noLines), 400);
    Map<String, Object> stranger = invoiceBody(m, ok);
    stranger.put("customerId", UUID.randomUUID());
    problem(m.post("/v1/invoices", stranger), 422);
    problem(m.post("/v1/invoices", invoiceBody(m, line("PACKAGE", "Five facials", 1, 1_000, null, UUID.randomUUID()))), 422);
    Map<String, Object> mismatch = problem(m.post("/v1/invoices", invoiceBody(m, line("MEMBERSHIP", "Euro tier", 1, 1_000, null, pkg))), 422);
    assertThat(mismatch.get("detail").toString()).contains("Currency mismatch");
    Map<String, Object> coupon = invoiceBody(m, ok);
    coupon.put("couponCode", "NOPE");
    assertThat(problem(m.post("/v1/invoices", coupon), 422).get("code")).isEqualTo("coupon-unknown");
    problem(http.post().uri("/v1/invoices").header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"customerId\": ").exchange(), 400);

    assertThat(sql.count("SELECT count(*) FROM invoices WHERE tenant_id = ?", m.tenant.id())).isZero();
  }

  @Test
  void badPaymentsAndRefundsAreRefusedAndNothingIsWritten() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.openInvoice(5_000);
    String pay = "/v1/invoices/" + invoice + "/payments";

    problem(m.post(pay, Map.of("method", "CASH", "amount", 0)), 400);
    problem(m.post(pay, Map.of("method", "CASH", "amount", -100)), 400);
    problem(m.post(pay, Map.of("amount", 100)), 400);
    problem(m.post(pay, Map.of("method", "GIFT_CARD", "amount", 100)), 400);
    problem(m.post(pay, Map.of("method", "CASH", "amount", 100, "giftCardCode", "GC-0000-0000-0000-0000-0000")), 400);
    assertThat(problem(m.post(pay, Map.of("method", "CASH", "amount", 100, "currency", "EUR")), 422).get("detail").toString())
        .contains("Currency mismatch");
    assertThat(problem(m.post(pay, Map.of("method", "CASH", "amount", 5_001)), 422).get("code")).isEqualTo("amount-exceeds-balance");
    problem(m.post("/v1/invoices/" + UUID.randomUUID() + "/payments", Map.of("method", "CASH", "amount", 100)), 404);
    problem(m.post("/v1/invoices/not-a-uuid/payments", Map.of("method", "CASH", "amount", 100)), 400);
    Map<String, Object> euroCard = m.created("/v1/gift-cards", Map.of("amount", 1_000, "currency", "EUR"));
    assertThat(problem(m.post(pay, Map.of("method", "GIFT_CARD", "amount", 100, "giftCardCode", euroCard.get("code"))), 422)
        .get("detail").toString()).contains("Currency mismatch");
    assertThat(problem(m.post(pay, Map.of("method", "GIFT_CARD", "amount", 100, "giftCardCode", "GC-0000-0000-0000-0000-0000")), 422)
        .get("code")).isEqualTo("gift-card-unusable");

    UUID voided = m.draft(m.customerId, "USD", List.of(line("PRODUCT", "Serum", 1, 1_000, null, null)), null);
    m.ok("/v1/invoices/" + voided + "/finalize", null);
    m.ok("/v1/invoices/" + voided + "/void", null);
    assertThat(problem(m.post("/v1/invoices/" + voided + "/payments", Map.of("method", "CASH", "amount", 100)), 409).get("status"))
        .isEqualTo(409);

    assertThat(sql.count("SELECT count(*) FROM payments WHERE tenant_id = ?", m.tenant.id())).isZero();
    assertThat(sql.count("SELECT sum(amount_paid + amount_pending) FROM invoices WHERE tenant_id = ?", m.tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM gift_card_ledger l JOIN gift_cards g ON g.id = l.gift_card_id WHERE g.tenant_id = ? AND l.kind <> 'ISSUE'",
        m.tenant.id())).isZero();

    String payment = (String) m.pay(invoice, "CASH", 5_000).get("id");
    String refund = "/v1/payments/" + payment + "/refunds";
    problem(m.post(refund, Map.of("amount", 0)), 400);
    problem(m.post(refund, Map.of("amount", -1)), 400);
    problem(m.post(refund, Map.of("amount", 1, "reason", "x".repeat(501))), 400);
    problem(m.post(refund, Map.of("amount", 1, "currency", "EUR")), 422);
    problem(m.post(refund, Map.of("amount", 5_001)), 422);
    problem(m.post("/v1/payments/" + UUID.randomUUID() + "/refunds", Map.of("amount", 1)), 404);
    assertThat(sql.count("SELECT count(*) FROM refunds WHERE tenant_id = ?", m.tenant.id())).isZero();
    assertThat(sql.count("SELECT amount_refunded FROM invoices WHERE id = ?", invoice)).isZero();
    // A paid invoice cannot be voided.
    problem(m.post("/v1/invoices/" + invoice + "/void", null), 409);
  }

  @Test
  void badCouponsGiftCardsAndPlansAreRefused() {
    MoneyFixture m = new MoneyFixture(http);
    problem(m.post("/v1/coupons", Map.of("code", "BOTH", "percentOff", 10, "amountOff", 100, "currency", "USD")), 400);
    problem(m.post("/v1/coupons", Map.of("code", "NEITHER")), 400);
    problem(m.post("/v1/coupons", Map.of("code", "NOCUR", "amountOff", 100)), 400);
    problem(m.post("/v1/coupons", Map.of("code", "BIG", "percentOff", 101)), 400);
    problem(m.post("/v1/coupons", Map.of("code", "a b", "percentOff", 10)), 400);
    problem(m.post("/v1/coupons", Map.of("code", "BACKWARDS", "percentOff", 10, "validFrom", "2027-01-02T00:00:00Z",
        "validUntil", "2027-01-01T00:00:00Z")), 400);
    m.created("/v1/coupons", Map.of("code", "SAME", "percentOff", 10));
    problem(m.post("/v1/coupons", Map.of("code", "same", "percentOff", 20)), 409);
    Map<String, Object> late = invoiceBody(m, line("PRODUCT", "Serum", 1, 1_000, null, null));
    m.created("/v1/coupons", Map.of("code", "LATER", "percentOff", 10, "validFrom", "2099-01-01T00:00:00Z"));
    late.put("couponCode", "LATER");
    assertThat(problem(m.post("/v1/invoices", late), 422).get("code")).isEqualTo("coupon-not-valid-now");

    problem(m.post("/v1/gift-cards", Map.of("amount", 0, "currency", "USD")), 400);
    problem(m.post("/v1/gift-cards", Map.of("amount", 100, "currency", "USD", "expiresAt", "2020-01-01T00:00:00Z")), 400);
    problem(m.post("/v1/gift-cards", Map.of("amount", 100, "currency", "USD", "customerId", UUID.randomUUID())), 422);
    problem(m.post("/v1/gift-cards/lookup", Map.of("code", "not a code")), 400);
    problem(m.post("/v1/gift-cards/lookup", Map.of("code", "GC-0000-0000-0000-0000-0000")), 404);
    problem(m.post("/v1/packages", Map.of("name", "Five", "serviceId", UUID.randomUUID(), "sessions", 5, "priceAmount", 100,
        "currency", "USD")), 422);
    problem(m.post("/v1/membership-tiers", Map.of("name", "Gold", "priceAmount", 100, "currency", "USD", "period", "WEEK")), 400);
    assertThat(sql.count("SELECT count(*) FROM gift_cards WHERE tenant_id = ?", m.tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM coupons WHERE tenant_id = ?", m.tenant.id())).isEqualTo(2);

    Map<?, ?> readOnly = http.post().uri("/v1/api-keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + m.tenant.apiKey())
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "front desk", "scopes", List.of("billing:read")))
        .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    UUID invoice = m.openInvoice(1_000);
    problem(http.post().uri("/v1/invoices/" + invoice + "/payments").header(HttpHeaders.AUTHORIZATION, "Bearer " + readOnly.get("key"))
        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("method", "CASH", "amount", 100)).exchange(), 403);
  }
}
