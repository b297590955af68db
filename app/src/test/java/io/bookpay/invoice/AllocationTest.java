package io.bookpay.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one split rule: proportional, largest remainder first, exact to the cent. */
class AllocationTest {

  @Test
  void sharesAreProportionalAndLeftoverCentsGoToTheLargestRemainders() {
    // 100 × 1/6 = 16.67, 100 × 2/6 = 33.33, 100 × 3/6 = 50: the one leftover cent goes to the .67.
    assertThat(Allocation.split(100, new long[] {1, 2, 3})).containsExactly(17, 33, 50);
    // Equal remainders: the earlier line first.
    assertThat(Allocation.split(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    assertThat(Allocation.split(2, new long[] {1, 1, 1})).containsExactly(1, 1, 0);
    assertThat(Allocation.split(7, new long[] {0, 10})).containsExactly(0, 7);
    assertThat(Allocation.split(0, new long[] {5, 5})).containsExactly(0, 0);
    assertThat(Allocation.split(5, new long[] {0, 0})).containsExactly(0, 0);
  }

  @Test
  void sharesAlwaysAddUpToTheAmountAndNeverExceedTheirWeightsWhenTheAmountDoesNot() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 2_000; round++) {
      long[] weights = random.longs(1 + random.nextInt(8), 0, 1_000_000).toArray();
      long sum = Arrays.stream(weights).sum();
      long amount = random.nextLong(0, sum + 1);
      long[] shares = Allocation.split(amount, weights);
      assertThat(Arrays.stream(shares).sum()).isEqualTo(sum == 0 ? 0 : amount);
      for (int i = 0; i < weights.length; i++) {
        assertThat(shares[i]).isBetween(0L, weights[i]);
      }
    }
  }

  @Test
  void paymentsAndRefundsAreSplitByTheLinesTotals() {
    List<LineItem> lines = List.of(
        new LineItem(LineKind.GIFT_CARD, "Card", 1, 10_000, 10_000, 0, BigDecimal.ZERO, 0, null),
        new LineItem(LineKind.SERVICE, "Facial", 1, 6_000, 6_000, 3_000, BigDecimal.TEN, 300, null));
    // Totals 10,000 and 3,300: a refund of 1,000 falls 752 (751.88) on the card and 248 (248.12) on the facial.
    assertThat(Allocation.overLines(1_000, lines)).containsExactly(752, 248);
    assertThat(Allocation.overLines(13_300, lines)).containsExactly(10_000, 3_300);
  }

  @Test
  void perKindAmountsSumTheLinesSharesByKindAndAddUpToTheCent() {
    List<LineItem> lines = List.of(
        line(LineKind.SERVICE, 1_000), line(LineKind.PRODUCT, 1_000), line(LineKind.SERVICE, 1_000), line(LineKind.MEMBERSHIP, 0));
    // 100 over three equal totals: 34, 33, 33 (the leftover cent to the earlier line); SERVICE holds the first and third.
    assertThat(Allocation.byKind(100, lines)).containsExactly(
        java.util.Map.entry("SERVICE", 67L), java.util.Map.entry("PRODUCT", 33L), java.util.Map.entry("MEMBERSHIP", 0L));
    // Largest remainder: 10 over totals 1, 2, 3 (PACKAGE, GIFT_CARD, SERVICE) is 1.67, 3.33, 5 → 2, 3, 5.
    assertThat(Allocation.byKind(10, List.of(line(LineKind.PACKAGE, 1), line(LineKind.GIFT_CARD, 2), line(LineKind.SERVICE, 3))))
        .containsExactly(java.util.Map.entry("SERVICE", 5L), java.util.Map.entry("PACKAGE", 2L), java.util.Map.entry("GIFT_CARD", 3L));
    SplittableRandom random = new SplittableRandom(11);
    LineKind[] kinds = LineKind.values();
    for (int round = 0; round < 1_000; round++) {
      List<LineItem> some = random.ints(1 + random.nextInt(8), 0, kinds.length)
          .mapToObj(k -> line(kinds[k], random.nextLong(1, 100_000))).toList();
      long total = some.stream().mapToLong(Allocation::lineTotal).sum();
      long amount = random.nextLong(0, total + 1);
      assertThat(Allocation.byKind(amount, some).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(amount);
    }
  }

  private static LineItem line(LineKind kind, long amount) {
    return new LineItem(kind, kind.name(), 1, amount, amount, 0, BigDecimal.ZERO, 0, null);
  }
}
