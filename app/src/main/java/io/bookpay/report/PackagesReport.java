package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.finance.FinanceReports.PackageDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Packages sold in one currency. {@code sold}: purchases in the period; {@code soldAmount}: what they
 * cost; {@code sessionsSold}: the sessions they hold; {@code sessionsRedeemed}: sessions used for
 * bookings; {@code sessionsReversed}: unused sessions a refund took back (less those restored when the
 * refund failed); {@code sessionsOutstanding}: sessions left on all purchases at the end of the period
 * ({@code to} for the totals).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PackagesReport(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String timeZone,
    String currency,
    Instant asOf,
    long lagSeconds,
    long sold,
    long soldAmount,
    long sessionsSold,
    long sessionsRedeemed,
    long sessionsReversed,
    long sessionsOutstanding,
    List<Period> periods) implements CsvReport {

  public record Period(String period, long sold, long soldAmount, long sessionsSold, long sessionsRedeemed, long sessionsReversed,
      long sessionsOutstanding) {}

  private static final class Sums {
    long sold;
    long soldAmount;
    long sessionsSold;
    long sessionsRedeemed;
    long sessionsReversed;

    void add(PackageDay row) {
      switch (row.kind()) {
        case "PURCHASED" -> {
          sold += row.moves();
          soldAmount += row.amount();
          sessionsSold += row.sessions();
        }
        case "REDEEMED" -> sessionsRedeemed -= row.sessions();
        case "REVERSED", "RESTORED" -> sessionsReversed -= row.sessions();
        default -> { }
      }
    }
  }

  static PackagesReport of(ReportRange range, String timeZone, String currency, List<PackageDay> moves) {
    List<PackageDay> sorted = moves.stream().sorted(Comparator.comparing(PackageDay::day)).toList();
    List<Period> periods = new ArrayList<>();
    Sums all = new Sums();
    long left = 0;
    int next = 0;
    for (; next < sorted.size() && sorted.get(next).day().isBefore(range.from()); next++) {
      left += sorted.get(next).sessions();
    }
    for (Map.Entry<String, LocalDate> end : PeriodEnds.of(range).entrySet()) {
      Sums sums = new Sums();
      for (; next < sorted.size() && !sorted.get(next).day().isAfter(end.getValue()); next++) {
        sums.add(sorted.get(next));
        all.add(sorted.get(next));
        left += sorted.get(next).sessions();
      }
      periods.add(new Period(end.getKey(), sums.sold, sums.soldAmount, sums.sessionsSold, sums.sessionsRedeemed, sums.sessionsReversed, left));
    }
    return new PackagesReport(range.from(), range.to(), range.groupBy().wireName(), timeZone, currency, null, 0, all.sold, all.soldAmount,
        all.sessionsSold, all.sessionsRedeemed, all.sessionsReversed, left, List.copyOf(periods));
  }

  PackagesReport withFreshness(Instant asOf, long lagSeconds) {
    return new PackagesReport(from, to, groupBy, timeZone, currency, asOf, lagSeconds, sold, soldAmount, sessionsSold, sessionsRedeemed,
        sessionsReversed, sessionsOutstanding, periods);
  }

  /** One row per period, then the totals as period {@code total}. */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    periods.forEach(p -> rows.add(Arrays.asList(p.period(), currency, p.sold(), p.soldAmount(), p.sessionsSold(), p.sessionsRedeemed(),
        p.sessionsReversed(), p.sessionsOutstanding())));
    rows.add(Arrays.asList("total", currency, sold, soldAmount, sessionsSold, sessionsRedeemed, sessionsReversed, sessionsOutstanding));
    return new CsvTable("packages-" + currency + "-" + from + "-" + to + ".csv",
        List.of("period", "currency", "sold", "soldAmount", "sessionsSold", "sessionsRedeemed", "sessionsReversed", "sessionsOutstanding"),
        rows);
  }
}
