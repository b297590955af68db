package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.finance.FinanceReports.MembershipRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Memberships in one currency. {@code started} and {@code ended}: memberships that started or
 * ended (cancelled, expired by an event, or ended by a refund) in the period; {@code active}: those
 * running at the end of the period ({@code to} for the totals): started, not ended, and paid until
 * after that moment; {@code mrr}: monthly recurring revenue of the active ones, a monthly price as it
 * is and a yearly one as a twelfth (the sum of yearly prices divided once, rounded half up).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MembershipsReport(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String timeZone,
    String currency,
    Instant asOf,
    long lagSeconds,
    long started,
    long ended,
    long active,
    long mrr,
    List<Period> periods) implements CsvReport {

  public record Period(String period, long started, long ended, long active, long mrr) {}

  static MembershipsReport of(ReportRange range, ZoneId zone, String currency, List<MembershipRow> rows) {
    List<Period> periods = new ArrayList<>();
    LocalDate start = range.from();
    for (Map.Entry<String, LocalDate> end : PeriodEnds.of(range).entrySet()) {
      periods.add(period(end.getKey(), start, end.getValue(), zone, rows));
      start = end.getValue().plusDays(1);
    }
    Period all = period("total", range.from(), range.to(), zone, rows);
    return new MembershipsReport(range.from(), range.to(), range.groupBy().wireName(), zone.getId(), currency, null, 0, all.started(),
        all.ended(), all.active(), all.mrr(), List.copyOf(periods));
  }

  private static Period period(String label, LocalDate first, LocalDate last, ZoneId zone, List<MembershipRow> rows) {
    Instant endOfLast = last.plusDays(1).atStartOfDay(zone).toInstant();
    long started = 0;
    long ended = 0;
    long active = 0;
    long monthly = 0;
    long yearly = 0;
    for (MembershipRow m : rows) {
      if (!m.startedDay().isBefore(first) && !m.startedDay().isAfter(last)) {
        started++;
      }
      if (m.endedDay() != null && !m.endedDay().isBefore(first) && !m.endedDay().isAfter(last)) {
        ended++;
      }
      boolean running = !m.startedDay().isAfter(last) && (m.endedDay() == null || m.endedDay().isAfter(last))
          && m.startsAt().isBefore(endOfLast) && m.endsAt().isAfter(endOfLast);
      if (running) {
        active++;
        if ("MONTH".equals(m.period())) {
          monthly += m.priceAmount();
        } else if ("YEAR".equals(m.period())) {
          yearly += m.priceAmount();
        }
      }
    }
    return new Period(label, started, ended, active, monthly + (yearly + 6) / 12);
  }

  MembershipsReport withFreshness(Instant asOf, long lagSeconds) {
    return new MembershipsReport(from, to, groupBy, timeZone, currency, asOf, lagSeconds, started, ended, active, mrr, periods);
  }

  /** One row per period, then the totals as period {@code total}. */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    periods.forEach(p -> rows.add(Arrays.asList(p.period(), currency, p.started(), p.ended(), p.active(), p.mrr())));
    rows.add(Arrays.asList("total", currency, started, ended, active, mrr));
    return new CsvTable("memberships-" + currency + "-" + from + "-" + to + ".csv",
        List.of("period", "currency", "started", "ended", "active", "mrr"), rows);
  }
}
