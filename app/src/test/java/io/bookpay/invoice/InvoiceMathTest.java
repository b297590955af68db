package io.bookpay.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.platform.web.ApiException;
import io.bookpay.sales.Coupon;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvoiceMathTest {

  private static Coupon percent(int p) {
    return new Coupon(UUID.randomUUID(), UUID.randomUUID(), "P", "PERCENT", p, null, null, null, null, null, null, 0, true, Instant.EPOCH);
  }

  private static Coupon fixed(long amount) {
    return new Coupon(UUID.randomUUID(), UUID.randomUUID(), "F", "FIXED", null, amount, "USD", null, null, null, null, 0, true, Instant.EPOCH);
  }

  @Test
  void aDiscountIsSpreadOverTheLinesToTheCent() {
    long[] shares = Allocation.split(100, new long[] {1, 1, 1});
    assertThat(Arrays.stream(shares).sum()).isEqualTo(100);
    assertThat(shares).containsExactlyInAnyOrder(34, 33, 33);
    assertThat(Allocation.split(0, new long[] {5, 5})).containsExactly(0, 0);
    assertThat(Allocation.split(7, new long[] {0, 10})).containsExactly(0, 7);
  }

  @Test
  void linesAreTaxedAfterTheirShareOfTheDiscount() {
    List<InvoiceMath.Line> lines = List.of(
        new InvoiceMath.Line(LineKind.SERVICE, "Facial", 1, 10_000, new BigDecimal("8.875"), null),
        new InvoiceMath.Line(LineKind.PRODUCT, "Serum", 3, 3_333, BigDecimal.ZERO, null));
    InvoiceMath.Totals totals = InvoiceMath.price(lines, percent(10));
    assertThat(totals.subtotal()).isEqualTo(19_999);
    assertThat(totals.discount()).isEqualTo(2_000);
    assertThat(totals.lines()).extracting(LineItem::discount).containsExactly(1_000L, 1_000L);
    assertThat(totals.tax()).isEqualTo(799); // 8.875 % of 9,000 = 798.75, half up
    assertThat(totals.total()).isEqualTo(totals.subtotal() - totals.discount() + totals.tax());
  }

  @Test
  void aFixedDiscountNeverExceedsTheSubtotal() {
    List<InvoiceMath.Line> lines = List.of(new InvoiceMath.Line(LineKind.PRODUCT, "Mask", 1, 500, BigDecimal.TEN, null));
    InvoiceMath.Totals totals = InvoiceMath.price(lines, fixed(800));
    assertThat(totals.discount()).isEqualTo(500);
    assertThat(totals.tax()).isZero();
    assertThat(totals.total()).isZero();
    assertThat(InvoiceMath.discount(percent(15), 333)).isEqualTo(50); // 49.95 rounds half up
  }

  @Test
  void aCouponNeverDiscountsAGiftCardLine() {
    List<InvoiceMath.Line> lines = List.of(
        new InvoiceMath.Line(LineKind.GIFT_CARD, "Card", 1, 10_000, BigDecimal.ZERO, null),
        new InvoiceMath.Line(LineKind.SERVICE, "Facial", 1, 3_333, BigDecimal.ZERO, null),
        new InvoiceMath.Line(LineKind.PRODUCT, "Serum", 2, 3_334, BigDecimal.ZERO, null));
    InvoiceMath.Totals totals = InvoiceMath.price(lines, percent(50));
    // 50 % of the discountable 10,001 is 5,000.5 → 5,001, spread over the facial and the serum only, to the cent.
    assertThat(totals.discount()).isEqualTo(5_001);
    assertThat(totals.lines()).extracting(LineItem::discount).containsExactly(0L, 1_667L, 3_334L);
    assertThat(totals.total()).isEqualTo(20_001 - 5_001);
    assertThat(InvoiceMath.price(lines, fixed(50_000)).lines()).extracting(LineItem::discount).containsExactly(0L, 3_333L, 6_668L);
  }

  @Test
  void aCouponOnNothingButGiftCardsIsRefused() {
    List<InvoiceMath.Line> lines = List.of(new InvoiceMath.Line(LineKind.GIFT_CARD, "Card", 2, 5_000, BigDecimal.ZERO, null));
    assertThatThrownBy(() -> InvoiceMath.price(lines, percent(50)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("does not apply"));
    assertThat(InvoiceMath.price(lines, null).total()).isEqualTo(10_000);
  }
}
