package io.bookpay.money;

import io.bookpay.platform.web.Problems;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prices an invoice. The discount comes off the subtotal and is spread over the lines in
 * proportion to their amounts (largest remainders get the leftover cents, so the lines add up
 * exactly); each line is taxed on what is left of it at its own rate, rounded half up to the cent.
 */
final class InvoiceMath {

  /** What a line asks for, before pricing. */
  record Line(LineKind kind, String description, int quantity, long unitAmount, BigDecimal taxRate, UUID refId) {}

  record Totals(List<LineItem> lines, long subtotal, long discount, long tax, long total) {}

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private InvoiceMath() {}

  /** The discount a coupon gives on a subtotal: a percentage rounded half up, or a fixed amount capped at the subtotal. */
  static long discount(Coupon coupon, long subtotal) {
    if (coupon == null) {
      return 0;
    }
    if (coupon.percentOff() != null) {
      return BigDecimal.valueOf(subtotal).multiply(BigDecimal.valueOf(coupon.percentOff()))
          .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
    }
    return Math.min(coupon.amountOff(), subtotal);
  }

  static Totals price(List<Line> requested, Coupon coupon) {
    long subtotal = 0;
    long[] amounts = new long[requested.size()];
    for (int i = 0; i < amounts.length; i++) {
      Line line = requested.get(i);
      try {
        amounts[i] = Math.multiplyExact(line.quantity(), line.unitAmount());
        subtotal = Math.addExact(subtotal, amounts[i]);
      } catch (ArithmeticException e) {
        throw Problems.invalid("lineItems[" + i + "]", "makes the invoice total too large");
      }
    }
    long discount = discount(coupon, subtotal);
    long[] shares = spread(discount, amounts, subtotal);
    List<LineItem> lines = new ArrayList<>(amounts.length);
    long tax = 0;
    for (int i = 0; i < amounts.length; i++) {
      Line line = requested.get(i);
      long lineTax = BigDecimal.valueOf(amounts[i] - shares[i]).multiply(line.taxRate())
          .divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
      tax += lineTax;
      lines.add(new LineItem(line.kind(), line.description(), line.quantity(), line.unitAmount(), amounts[i], shares[i],
          line.taxRate(), lineTax, line.refId()));
    }
    if (subtotal > MAX_TOTAL || tax > MAX_TOTAL) {
      throw Problems.invalid("lineItems", "make the invoice total larger than " + MAX_TOTAL);
    }
    return new Totals(List.copyOf(lines), subtotal, discount, tax, subtotal - discount + tax);
  }

  /** Upper bound of an invoice's subtotal, far above any real invoice and far below overflow. */
  static final long MAX_TOTAL = 1_000_000_000_000_000L;

  /** Shares of {@code total} in proportion to {@code weights}; they sum to {@code total} exactly. */
  static long[] spread(long total, long[] weights, long weightSum) {
    long[] shares = new long[weights.length];
    if (total == 0 || weightSum == 0) {
      return shares;
    }
    BigDecimal[] remainders = new BigDecimal[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      BigDecimal[] qr = BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(weights[i]))
          .divideAndRemainder(BigDecimal.valueOf(weightSum));
      shares[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given += shares[i];
    }
    for (long left = total - given; left > 0; left--) {
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
}
