package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.analytics.AnalyticsReports.ClaimCount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Insurance claims per period, per payer (the insurer the plan names, with the plan's id) and in all: submitted, approved and
 * rejected, each on the day it happened; {@code approvalRate} is approved ÷ (approved + rejected);
 * {@code averageDaysToDecision} the mean time from submission to approval or rejection of the
 * decisions in the period, in days with two places (null over none).
 */
@JsonInclude(JsonInclude.Include.ALWAYS) // a rate over nothing is null, not left out
public record ClaimsReport(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String timeZone,
    Instant asOf,
    long lagSeconds,
    Figures totals,
    List<Payer> payers,
    List<Period> periods) implements CsvReport {

  private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Figures(long submitted, long approved, long rejected, BigDecimal approvalRate, BigDecimal averageDaysToDecision) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Payer(String payer, UUID planId, long submitted, long approved, long rejected, BigDecimal approvalRate, BigDecimal averageDaysToDecision) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Period(String period, long submitted, long approved, long rejected, BigDecimal approvalRate, BigDecimal averageDaysToDecision) {}

  private static final class Counts {
    long submitted;
    long approved;
    long rejected;
    long decisionSeconds;
    long timedDecisions;

    void add(ClaimCount row) {
      switch (row.kind()) {
        case "SUBMITTED" -> submitted += row.count();
        case "APPROVED" -> approved += row.count();
        case "REJECTED" -> rejected += row.count();
        default -> { }
      }
      decisionSeconds += row.decisionSeconds();
      timedDecisions += row.timedDecisions();
    }

    Figures figures() {
      BigDecimal days = BigDecimal.valueOf(decisionSeconds).divide(SECONDS_PER_DAY, 10, java.math.RoundingMode.HALF_UP);
      return new Figures(submitted, approved, rejected, Rates.of(approved, approved + rejected), Rates.average(days, timedDecisions));
    }
  }

  static ClaimsReport of(ReportRange range, String timeZone, List<ClaimCount> rows) {
    Map<String, Counts> byPeriod = new LinkedHashMap<>();
    range.groupBy().labels(range.from(), range.to()).forEach(label -> byPeriod.put(label, new Counts()));
    Map<String, Counts> byPayer = new TreeMap<>();
    Map<String, ClaimCount> names = new LinkedHashMap<>();
    Counts all = new Counts();
    for (ClaimCount row : rows) {
      byPeriod.computeIfAbsent(range.groupBy().label(row.day()), label -> new Counts()).add(row);
      String payer = row.payer() + "/" + row.planId(); // sorts by the payer's name
      names.putIfAbsent(payer, row);
      byPayer.computeIfAbsent(payer, p -> new Counts()).add(row);
      all.add(row);
    }
    List<Period> periods = new ArrayList<>();
    byPeriod.forEach((label, counts) -> {
      Figures f = counts.figures();
      periods.add(new Period(label, f.submitted(), f.approved(), f.rejected(), f.approvalRate(), f.averageDaysToDecision()));
    });
    List<Payer> payers = new ArrayList<>();
    byPayer.forEach((payer, counts) -> {
      Figures f = counts.figures();
      payers.add(new Payer(names.get(payer).payer(), names.get(payer).planId(), f.submitted(), f.approved(), f.rejected(), f.approvalRate(), f.averageDaysToDecision()));
    });
    return new ClaimsReport(range.from(), range.to(), range.groupBy().wireName(), timeZone, null, 0, all.figures(),
        List.copyOf(payers), List.copyOf(periods));
  }

  ClaimsReport withFreshness(Instant asOf, long lagSeconds) {
    return new ClaimsReport(from, to, groupBy, timeZone, asOf, lagSeconds, totals, payers, periods);
  }

  /**
   * One table in long form: a row per period over all payers (payer and planId empty), a row per
   * payer over the whole range (period {@code total}), and the totals (period {@code total}, payer
   * and planId empty).
   */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    periods.forEach(p -> rows.add(Arrays.asList(p.period(), null, null, p.submitted(), p.approved(), p.rejected(), p.approvalRate(),
        p.averageDaysToDecision())));
    payers.forEach(p -> rows.add(Arrays.asList("total", p.payer(), p.planId(), p.submitted(), p.approved(), p.rejected(), p.approvalRate(),
        p.averageDaysToDecision())));
    rows.add(Arrays.asList("total", null, null, totals.submitted(), totals.approved(), totals.rejected(), totals.approvalRate(),
        totals.averageDaysToDecision()));
    return new CsvTable("claims-" + from + "-" + to + ".csv",
        List.of("period", "payer", "planId", "submitted", "approved", "rejected", "approvalRate", "averageDaysToDecision"), rows);
  }
}
