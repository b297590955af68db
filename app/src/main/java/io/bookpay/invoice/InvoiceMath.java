package io.bookpay.invoice;

import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.bookpay.platform.web.Problems;
import io.bookpay.sales.Coupon;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prices an invoice. The discount comes off the subtotal of the discountable lines (all but
 * GIFT_CARD) and is spread over those lines only, in proportion to their amounts (largest remainders get the leftover cents, so the lines add up
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
    // Gift cards are money, not goods: a coupon never makes one cheaper than its face value.
    long[] discountable = new long[amounts.length];
    long discountableSubtotal = 0;
    for (int i = 0; i < amounts.length; i++) {
      if (requested.get(i).kind() != LineKind.GIFT_CARD) {
        discountable[i] = amounts[i];
        discountableSubtotal += amounts[i];
      }
    }
    if (coupon != null && discountableSubtotal == 0) {
      throw new ApiException(ProblemType.UNPROCESSABLE, "Coupon " + coupon.code() + " does not apply: gift cards are not"
          + " discounted and the invoice has nothing else.", Map.of("code", "coupon-not-applicable"));
    }
    long discount = discount(coupon, discountableSubtotal);
    long[] shares = Allocation.split(discount, discountable);
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
}
