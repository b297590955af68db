package io.bookpay.report;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last day of each period of a range, cut to the range: where balances (gift cards, sessions, memberships) are read. */
final class PeriodEnds {

  private PeriodEnds() {}

  /** Period label to its last day in the range, in order. */
  static Map<String, LocalDate> of(ReportRange range) {
    Map<String, LocalDate> ends = new LinkedHashMap<>();
    for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
      ends.put(range.groupBy().label(day), day);
    }
    return ends;
  }
}
