package io.bookpay.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Ratios as exact decimals with four places (0.1235), the same in JSON and CSV; null when the base is zero. */
final class Rates {

  private Rates() {}

  static BigDecimal of(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  /** An average with two places, e.g. days to a decision; null over nothing. */
  static BigDecimal average(BigDecimal sum, long count) {
    return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
  }
}
