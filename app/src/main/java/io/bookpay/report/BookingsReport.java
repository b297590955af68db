package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.analytics.AnalyticsReports.BookingCount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bookings by what happened to them, per period and in all: created, confirmed, cancelled, no-shows,
 * completed, rescheduled, each counted on the day it happened (a booking made today for next week
 * counts today as created). {@code cancellationRate} is cancelled ÷ created and {@code noShowRate}
 * no-shows ÷ (completed + no-shows), both over the same period; null over nothing.
 */
@JsonInclude(JsonInclude.Include.ALWAYS) // a rate over nothing is null, not left out
public record BookingsReport(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String timeZone,
    Instant asOf,
    long lagSeconds,
    Totals totals,
    List<Period> periods) implements CsvReport {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Totals(long created, long confirmed, long cancelled, long noShows, long completed, long rescheduled,
      BigDecimal cancellationRate, BigDecimal noShowRate) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Period(String period, long created, long confirmed, long cancelled, long noShows, long completed, long rescheduled,
      BigDecimal cancellationRate, BigDecimal noShowRate) {}

  /** Counts of one period (or of all). */
  private static final class Counts {
    long created;
    long confirmed;
    long cancelled;
    long noShows;
    long completed;
    long rescheduled;

    void add(String kind, long n) {
      switch (kind) {
        case "CREATED" -> created += n;
        case "CONFIRMED" -> confirmed += n;
        case "CANCELLED" -> cancelled += n;
        case "NO_SHOW" -> noShows += n;
        case "COMPLETED" -> completed += n;
        case "RESCHEDULED" -> rescheduled += n;
        default -> { } // a kind this version does not report
      }
    }

    Period period(String label) {
      return new Period(label, created, confirmed, cancelled, noShows, completed, rescheduled,
          Rates.of(cancelled, created), Rates.of(noShows, completed + noShows));
    }
  }

  static BookingsReport of(ReportRange range, String timeZone, List<BookingCount> rows) {
    Map<String, Counts> byPeriod = new LinkedHashMap<>();
    range.groupBy().labels(range.from(), range.to()).forEach(label -> byPeriod.put(label, new Counts()));
    Counts all = new Counts();
    for (BookingCount row : rows) {
      byPeriod.computeIfAbsent(range.groupBy().label(row.day()), label -> new Counts()).add(row.kind(), row.count());
      all.add(row.kind(), row.count());
    }
    List<Period> periods = new ArrayList<>();
    byPeriod.forEach((label, counts) -> periods.add(counts.period(label)));
    Period total = all.period("total");
    return new BookingsReport(range.from(), range.to(), range.groupBy().wireName(), timeZone, null, 0,
        new Totals(total.created(), total.confirmed(), total.cancelled(), total.noShows(), total.completed(), total.rescheduled(),
            total.cancellationRate(), total.noShowRate()),
        List.copyOf(periods));
  }

  BookingsReport withFreshness(Instant asOf, long lagSeconds) {
    return new BookingsReport(from, to, groupBy, timeZone, asOf, lagSeconds, totals, periods);
  }

  /** One row per period, then the totals as period {@code total}. */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    periods.forEach(p -> rows.add(row(p.period(), p.created(), p.confirmed(), p.cancelled(), p.noShows(), p.completed(), p.rescheduled(),
        p.cancellationRate(), p.noShowRate())));
    rows.add(row("total", totals.created(), totals.confirmed(), totals.cancelled(), totals.noShows(), totals.completed(),
        totals.rescheduled(), totals.cancellationRate(), totals.noShowRate()));
    return new CsvTable("bookings-" + from + "-" + to + ".csv",
        List.of("period", "created", "confirmed", "cancelled", "noShows", "completed", "rescheduled", "cancellationRate", "noShowRate"),
        rows);
  }

  private static List<Object> row(Object... fields) {
    return java.util.Arrays.asList(fields);
  }
}
