package io.bookpay.invoice;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's one rule for splitting money over an invoice's lines: in proportion to the weights
 * (for payments and refunds, the lines' totals), each share rounded down to the cent, and the cents
 * left over go one each to the largest remainders (ties to the earlier line). The shares add up to
 * the amount exactly. Coupons use it with the lines' amounts; payments and refunds with the totals.
 */
public final class Allocation {

  private Allocation() {}

  /** Shares of {@code amount} in proportion to {@code weights} (none negative); all zero when the weights are. */
  public static long[] split(long amount, long[] weights) {
    long sum = 0;
    for (long w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("negative weight " + w);
      }
      sum = Math.addExact(sum, w);
    }
    long[] shares = new long[weights.length];
    if (amount == 0 || sum == 0) {
      return shares;
    }
    BigDecimal[] remainders = new BigDecimal[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      BigDecimal[] qr = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(weights[i])).divideAndRemainder(BigDecimal.valueOf(sum));
      shares[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given += shares[i];
    }
    for (long left = amount - given; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (remainders[i].compareTo(remainders[best]) > 0) {
          best = i;
        }
      }
      shares[best]++;
      remainders[best] = BigDecimal.valueOf(-1);
    }
    return shares;
  }

  /** A payment's or refund's share of each line, in the lines' order, by the lines' totals (after discount, with tax). */
  public static long[] overLines(long amount, List<LineItem> lines) {
    return split(amount, lines.stream().mapToLong(Allocation::lineTotal).toArray());
  }

  /**
   * A payment's or refund's share per line kind: the lines' shares ({@link #overLines}) summed by
   * kind, in {@link LineKind} order, for each kind the invoice has. The parts add up to the amount.
   */
  public static Map<String, Long> byKind(long amount, List<LineItem> lines) {
    long[] shares = overLines(amount, lines);
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (LineKind kind : LineKind.values()) {
      for (int i = 0; i < shares.length; i++) {
        if (lines.get(i).kind() == kind) {
          byKind.merge(kind.name(), shares[i], Long::sum);
        }
      }
    }
    return byKind;
  }

  public static long lineTotal(LineItem line) {
    return line.amount() - line.discount() + line.tax();
  }
}
