package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.finance.FinanceReports.GiftCardDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Gift-card liability in one currency. {@code issued}: value of cards that became usable in the
 * period (sold and paid, or issued directly); {@code issuedWithoutPayment}: the directly issued part;
 * {@code redeemed}: value that paid invoices; {@code refunded}: refunds of card payments put back on
 * cards; {@code adjusted}: hand corrections, signed; {@code reversed}: value taken back by refunds of
 * the invoices that sold cards (less reversals undone); {@code outstanding}: what all cards hold at
 * the end of the period ({@code to} for the totals), so outstanding moves by issued − redeemed +
 * refunded + adjusted − reversed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GiftCardsReport(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String timeZone,
    String currency,
    Instant asOf,
    long lagSeconds,
    long issued,
    long issuedWithoutPayment,
    long redeemed,
    long refunded,
    long adjusted,
    long reversed,
    long outstanding,
    List<Period> periods) implements CsvReport {

  public record Period(String period, long issued, long issuedWithoutPayment, long redeemed, long refunded, long adjusted, long reversed,
      long outstanding) {}

  private static final class Sums {
    long issued;
    long issuedWithoutPayment;
    long redeemed;
    long refunded;
    long adjusted;
    long reversed;

    void add(GiftCardDay row) {
      switch (row.kind()) {
        case "ISSUED" -> {
          issued += row.amount();
          issuedWithoutPayment += row.withoutPayment() ? row.amount() : 0;
        }
        case "REDEEMED" -> redeemed -= row.amount();
        case "REFUNDED" -> refunded += row.amount();
        case "ADJUSTED" -> adjusted += row.amount();
        case "REVERSED", "REVERSAL_UNDONE" -> reversed -= row.amount();
        default -> { }
      }
    }

    Period period(String label, long outstanding) {
      return new Period(label, issued, issuedWithoutPayment, redeemed, refunded, adjusted, reversed, outstanding);
    }
  }

  static GiftCardsReport of(ReportRange range, String timeZone, String currency, List<GiftCardDay> moves) {
    Map<String, LocalDate> ends = PeriodEnds.of(range);
    List<Period> periods = new ArrayList<>();
    Sums all = new Sums();
    long balance = 0;
    int next = 0;
    List<GiftCardDay> sorted = moves.stream().sorted(java.util.Comparator.comparing(GiftCardDay::day)).toList();
    for (; next < sorted.size() && sorted.get(next).day().isBefore(range.from()); next++) {
      balance += sorted.get(next).amount();
    }
    for (Map.Entry<String, LocalDate> end : ends.entrySet()) {
      Sums sums = new Sums();
      for (; next < sorted.size() && !sorted.get(next).day().isAfter(end.getValue()); next++) {
        sums.add(sorted.get(next));
        all.add(sorted.get(next));
        balance += sorted.get(next).amount();
      }
      periods.add(sums.period(end.getKey(), balance));
    }
    return new GiftCardsReport(range.from(), range.to(), range.groupBy().wireName(), timeZone, currency, null, 0, all.issued,
        all.issuedWithoutPayment, all.redeemed, all.refunded, all.adjusted, all.reversed, balance, List.copyOf(periods));
  }

  GiftCardsReport withFreshness(Instant asOf, long lagSeconds) {
    return new GiftCardsReport(from, to, groupBy, timeZone, currency, asOf, lagSeconds, issued, issuedWithoutPayment, redeemed, refunded,
        adjusted, reversed, outstanding, periods);
  }

  /** One row per period, then the totals as period {@code total}. */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    periods.forEach(p -> rows.add(Arrays.asList(p.period(), currency, p.issued(), p.issuedWithoutPayment(), p.redeemed(), p.refunded(),
        p.adjusted(), p.reversed(), p.outstanding())));
    rows.add(Arrays.asList("total", currency, issued, issuedWithoutPayment, redeemed, refunded, adjusted, reversed, outstanding));
    return new CsvTable("gift-cards-" + currency + "-" + from + "-" + to + ".csv",
        List.of("period", "currency", "issued", "issuedWithoutPayment", "redeemed", "refunded", "adjusted", "reversed", "outstanding"), rows);
  }
}
