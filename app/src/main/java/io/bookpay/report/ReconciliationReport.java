package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.report.ReconciliationQueries.Pair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where the finance projection and the write side's tables disagree: each figure, currency and
 * period whose two values differ (empty once the projection has caught up and nothing was changed
 * behind its back). {@code projection} is the read side's value, {@code source} the one computed
 * from payments, refunds, invoices, the gift-card ledger, package purchases and memberships.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ReconciliationReport(LocalDate from, LocalDate to, String timeZone, Instant asOf, long lagSeconds, List<Difference> differences)
    implements CsvReport {

  record Difference(String figure, String currency, String period, long projection, long source) {}

  static ReconciliationReport of(LocalDate from, LocalDate to, String timeZone, List<Pair> pairs) {
    List<Difference> differences = pairs.stream()
        .filter(p -> p.projection() != p.source())
        .map(p -> new Difference(p.figure(), p.currency(), p.period(), p.projection(), p.source()))
        .sorted(Comparator.comparing(Difference::period).thenComparing(Difference::figure).thenComparing(Difference::currency))
        .toList();
    return new ReconciliationReport(from, to, timeZone, null, 0, differences);
  }

  ReconciliationReport withFreshness(Instant asOf, long lagSeconds) {
    return new ReconciliationReport(from, to, timeZone, asOf, lagSeconds, differences);
  }

  /** One row per difference. */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    differences.forEach(d -> rows.add(Arrays.asList(d.figure(), d.currency(), d.period(), d.projection(), d.source())));
    return new CsvTable("reconciliation-" + from + "-" + to + ".csv", List.of("figure", "currency", "period", "projection", "source"), rows);
  }
}
