package io.bookpay.giftcard;

import static io.bookpay.invoice.MoneyFixture.line;
import static io.bookpay.invoice.MoneyFixture.num;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.invoice.MoneyFixture;
import io.bookpay.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Gift cards are money: coupons do not make them cheaper, and one gift card does not buy another. */
class GiftCardPricingIntegrationTest extends IntegrationTest {

  @Test
  @SuppressWarnings("unchecked")
  void aCouponDiscountsTheOtherLinesOnlyAndTheCardCostsItsFaceValue() {
    MoneyFixture m = new MoneyFixture(http);
    String coupon = (String) m.created("/v1/coupons", Map.of("code", "HALF", "percentOff", 50)).get("id");
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("GIFT_CARD", "Gift card", 1, 10_000, null, null),
        line("SERVICE", "Facial", 1, 3_333, null, null), line("PRODUCT", "Serum", 2, 3_334, null, null)), "HALF");
    Map<String, Object> draft = m.get("/v1/invoices/" + invoice);
    assertThat(num(draft, "discount")).isEqualTo(5_001); // 50 % of 10,001, half up
    assertThat((List<Map<String, Object>>) draft.get("lineItems")).extracting(l -> num(l, "discount")).containsExactly(0L, 1_667L, 3_334L);
    assertThat(num(draft, "total")).isEqualTo(15_000);
    assertThat(num(m.get("/v1/coupons/" + coupon), "redemptions")).isEqualTo(1);
  }

  @Test
  void aCouponOnAnInvoiceOfGiftCardsOnlyIsRefusedAndNotCounted() {
    MoneyFixture m = new MoneyFixture(http);
    String coupon = (String) m.created("/v1/coupons", Map.of("code", "HALF", "percentOff", 50, "maxRedemptions", 1)).get("id");
    Map<String, Object> problem = MoneyFixture.problem(m.post("/v1/invoices", Map.of("customerId", m.customerId, "currency", "USD",
        "couponCode", "HALF", "lineItems", List.of(line("GIFT_CARD", "Gift card", 2, 10_000, null, null)))), 422);
    assertThat(problem.get("code")).isEqualTo("coupon-not-applicable");
    assertThat(num(m.get("/v1/coupons/" + coupon), "redemptions")).isZero();
    assertThat(sql.count("SELECT count(*) FROM invoices WHERE tenant_id = ?", m.tenant.id())).isZero();
    assertThat(sql.count("SELECT count(*) FROM coupon_redemptions WHERE coupon_id = ?::uuid", coupon)).isZero();
  }

  @Test
  void aGiftCardCannotPayForAGiftCard() {
    MoneyFixture m = new MoneyFixture(http);
    Map<String, Object> card = m.giftCard(10_000);
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("GIFT_CARD", "Gift card", 1, 5_000, null, null),
        line("SERVICE", "Facial", 1, 5_000, null, null)), null);
    m.ok("/v1/invoices/" + invoice + "/finalize", null);
    Map<String, Object> problem = MoneyFixture.problem(m.post("/v1/invoices/" + invoice + "/payments",
        Map.of("method", "GIFT_CARD", "amount", 1_000, "giftCardCode", card.get("code"))), 422);
    assertThat(problem.get("code")).isEqualTo("gift-card-for-gift-card");
    assertThat(num(m.get("/v1/gift-cards/" + card.get("id")), "balance")).isEqualTo(10_000);
    assertThat(num(m.get("/v1/invoices/" + invoice), "amountPaid")).isZero();
    assertThat(sql.count("SELECT count(*) FROM payments WHERE invoice_id = ?", invoice)).isZero();
  }

  @Test
  void theDatabaseRefusesADiscountedGiftCardLine() {
    MoneyFixture m = new MoneyFixture(http);
    UUID invoice = m.draft(m.customerId, "USD", List.of(line("GIFT_CARD", "Gift card", 1, 5_000, null, null)), null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.update(
            "UPDATE invoice_line_items SET discount = 100 WHERE invoice_id = ?", invoice))
        .hasMessageContaining("invoice_line_items_gift_card_not_discounted");
  }
}
