package io.bookpay.report;

import io.bookpay.platform.web.Problems;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a report's days are grouped into periods, and how a period is named: {@code 2026-03-29} for a
 * day, {@code 2026-W13} for an ISO week (weeks start on Monday; the year is the week's ISO year,
 * so 2027-01-01 is in {@code 2026-W53}), {@code 2026-03} for a month. A period at either end of
 * the range is cut to the range.
 */
enum GroupBy {
  DAY(366),
  WEEK(3 * 366),
  MONTH(3 * 366);

  private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT);

  /** The longest range, in days, a report grouped this way covers. */
  private final int maxDays;

  GroupBy(int maxDays) {
    this.maxDays = maxDays;
  }

  int maxDays() {
    return maxDays;
  }

  /** {@code day} (the default when absent), {@code week} or {@code month}; anything else is a 400. */
  static GroupBy parse(String value) {
    if (value == null || value.isBlank()) {
      return DAY;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "day" -> DAY;
      case "week" -> WEEK;
      case "month" -> MONTH;
      default -> throw Problems.invalid("groupBy", "must be day, week or month");
    };
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The first day of the period holding {@code day}. */
  LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  String label(LocalDate day) {
    return switch (this) {
      case DAY -> day.toString();
      case WEEK -> String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> day.format(MONTH_LABEL);
    };
  }

  /** The labels of every period that meets the range, in order. */
  List<String> labels(LocalDate from, LocalDate to) {
    List<String> labels = new ArrayList<>();
    for (LocalDate start = start(from); !start.isAfter(to); start = next(start)) {
      labels.add(label(start));
    }
    return labels;
  }

  private LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
  }
}
