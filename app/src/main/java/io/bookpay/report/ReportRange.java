package io.bookpay.report;

import io.bookpay.platform.web.Problems;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The days a report covers, both included, in the tenant's calendar, and how they are grouped.
 * {@code from} and {@code to} are required; {@code to} may not be before {@code from}; the range
 * may span at most {@link GroupBy#maxDays()} days (366 by day, three years by week or month).
 */
public record ReportRange(LocalDate from, LocalDate to, GroupBy groupBy) {

  /** Reports cover the years a business can have had activity in; outside them a date is a typo. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

  public static ReportRange of(LocalDate from, LocalDate to, String groupBy) {
    if (from == null) {
      throw Problems.invalid("from", "is required (a date as YYYY-MM-DD, in the tenant's time zone)");
    }
    if (to == null) {
      throw Problems.invalid("to", "is required (a date as YYYY-MM-DD, in the tenant's time zone; included)");
    }
    if (from.isBefore(EARLIEST) || from.isAfter(LATEST)) {
      throw Problems.invalid("from", "must be between " + EARLIEST + " and " + LATEST);
    }
    if (to.isBefore(EARLIEST) || to.isAfter(LATEST)) {
      throw Problems.invalid("to", "must be between " + EARLIEST + " and " + LATEST);
    }
    if (to.isBefore(from)) {
      throw Problems.invalid("to", "must not be before 'from'");
    }
    GroupBy grouping = GroupBy.parse(groupBy);
    if (ChronoUnit.DAYS.between(from, to) >= grouping.maxDays()) {
      throw Problems.invalid("to", "the range may span at most " + grouping.maxDays() + " days when grouped by " + grouping.wireName());
    }
    return new ReportRange(from, to, grouping);
  }

  /** The cache key's part for the range. */
  String key() {
    return from + ".." + to + "/" + groupBy.wireName();
  }
}
