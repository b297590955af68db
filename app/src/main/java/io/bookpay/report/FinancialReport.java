package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.finance.FinanceReports.InvoicedDay;
import io.bookpay.projection.finance.FinanceReports.LineKindDay;
import io.bookpay.projection.finance.FinanceReports.MoneyDay;
import io.bookpay.projection.finance.FinanceReports.PayerInsurance;
import io.bookpay.projection.finance.FinanceReports.ServiceRevenue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Money of one currency per period and in all, on the tenant's calendar days (cash basis: when the
 * money moved). {@code byMethod}: payments by method, CASH, CARD, EXTERNAL, INSURANCE and GIFT_CARD
 * always listed; {@code gross}: money received, byMethod without GIFT_CARD (a card's money came in
 * when it was sold); {@code giftCardRedemptions}: the GIFT_CARD part; {@code refunds}: money given
 * back, refundsByMethod without refunds onto a gift card ({@code giftCardRefunds});
 * {@code disputesLost}: card disputes closed lost, the disputed amount the bank took back for the
 * cardholder ({@code disputesLostByMethod} by the disputed payment's method), on the day the dispute
 * closed; {@code net = gross − refunds} (the read-side contract's figure, unchanged) and
 * {@code netAfterDisputes = net − disputesLost}, the money the business kept; {@code byLineKind} (and {@code refundsByLineKind}): all payments (refunds), gift
 * cards included, over the invoices' line kinds by the events' allocation (UNALLOCATED: events from
 * before it existed, on invoices with several kinds). {@code invoiced}, {@code invoices},
 * {@code discounts} and {@code tax}: invoices finalized in the period (voided later or not).
 * {@code capturedAfterCancel}/{@code capturedAfterCancelRefunded}: money a processor took for a
 * payment canceled here and its return; in no other figure. {@code revenue}: the SERVICE part of
 * payments on invoices made for a booking, by its service, provider and location. {@code insurance}:
 * claims submitted (claimed, expected cover), approved (approved amounts) and rejected in the range,
 * and INSURANCE payments applied to claimed invoices, per payer.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FinancialReport(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String timeZone,
    String currency,
    Instant asOf,
    long lagSeconds,
    Totals totals,
    List<Period> periods,
    Revenue revenue,
    Insurance insurance) implements CsvReport {

  static final List<String> METHODS = List.of("CASH", "CARD", "EXTERNAL", "INSURANCE", "GIFT_CARD");
  static final List<String> LINE_KINDS = List.of("SERVICE", "PRODUCT", "PACKAGE", "MEMBERSHIP", "GIFT_CARD");

  public record Totals(long gross, long refunds, long disputesLost, long net, long netAfterDisputes, long discounts, long tax, long giftCardRedemptions, long giftCardRefunds,
      long invoiced, long invoices, long capturedAfterCancel, long capturedAfterCancelRefunded, Map<String, Long> byMethod,
      Map<String, Long> refundsByMethod, Map<String, Long> disputesLostByMethod, Map<String, Long> byLineKind,
      Map<String, Long> refundsByLineKind) {}

  public record Period(String period, long gross, long refunds, long disputesLost, long net, long netAfterDisputes, long discounts, long tax, long giftCardRedemptions, long giftCardRefunds,
      long invoiced, long invoices, long capturedAfterCancel, long capturedAfterCancelRefunded, Map<String, Long> byMethod,
      Map<String, Long> refundsByMethod, Map<String, Long> disputesLostByMethod, Map<String, Long> byLineKind,
      Map<String, Long> refundsByLineKind) {}

  public record Revenue(List<Amount> byService, List<Amount> byProvider, List<Amount> byLocation) {}

  public record Amount(UUID id, long amount) {}

  public record Insurance(long submitted, long approvedClaims, long rejected, long claimed, long expected, long approved, long applied,
      List<PayerInsurance> payers) {}

  /** The figures of one period (or of all). */
  private static final class Sums {
    final Map<String, Long> byMethod = zeros(METHODS);
    final Map<String, Long> refundsByMethod = zeros(METHODS);
    final Map<String, Long> disputesLostByMethod = zeros(METHODS);
    final Map<String, Long> byLineKind = zeros(LINE_KINDS);
    final Map<String, Long> refundsByLineKind = zeros(LINE_KINDS);
    long discounts;
    long tax;
    long invoiced;
    long invoices;
    long capturedAfterCancel;
    long capturedAfterCancelRefunded;

    void add(MoneyDay row) {
      switch (row.kind()) {
        case "PAYMENT" -> byMethod.merge(row.method(), row.amount(), Long::sum);
        case "REFUND" -> refundsByMethod.merge(row.method(), row.amount(), Long::sum);
        case "DISPUTE_LOST" -> disputesLostByMethod.merge(row.method(), row.amount(), Long::sum);
        case "CAPTURED_AFTER_CANCEL" -> capturedAfterCancel += row.amount();
        case "CAPTURED_AFTER_CANCEL_REFUND" -> capturedAfterCancelRefunded += row.amount();
        default -> { }
      }
    }

    void add(LineKindDay row) {
      switch (row.kind()) {
        case "PAYMENT" -> byLineKind.merge(row.lineKind(), row.amount(), Long::sum);
        case "REFUND" -> refundsByLineKind.merge(row.lineKind(), row.amount(), Long::sum);
        default -> { }
      }
    }

    void add(InvoicedDay row) {
      invoiced += row.total();
      invoices += row.invoices();
      discounts += row.discount();
      tax += row.tax();
    }

    Period period(String label) {
      long redemptions = byMethod.get("GIFT_CARD");
      long gross = byMethod.values().stream().mapToLong(Long::longValue).sum() - redemptions;
      long cardRefunds = refundsByMethod.get("GIFT_CARD");
      long refunds = refundsByMethod.values().stream().mapToLong(Long::longValue).sum() - cardRefunds;
      long disputesLost = disputesLostByMethod.values().stream().mapToLong(Long::longValue).sum();
      return new Period(label, gross, refunds, disputesLost, gross - refunds, gross - refunds - disputesLost, discounts, tax, redemptions, cardRefunds,
          invoiced, invoices, capturedAfterCancel, capturedAfterCancelRefunded, sorted(byMethod), sorted(refundsByMethod),
          sorted(disputesLostByMethod), sorted(byLineKind), sorted(refundsByLineKind));
    }
  }

  private static Map<String, Long> sorted(Map<String, Long> map) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }

  private static Map<String, Long> zeros(List<String> keys) {
    Map<String, Long> map = new TreeMap<>();
    keys.forEach(key -> map.put(key, 0L));
    return map;
  }

  static FinancialReport of(ReportRange range, String timeZone, String currency, List<MoneyDay> money, List<LineKindDay> kinds,
      List<InvoicedDay> invoiced, List<ServiceRevenue> services, List<PayerInsurance> payers) {
    Map<String, Sums> byPeriod = new LinkedHashMap<>();
    range.groupBy().labels(range.from(), range.to()).forEach(label -> byPeriod.put(label, new Sums()));
    Sums all = new Sums();
    Function<LocalDate, Sums> of = day -> byPeriod.computeIfAbsent(range.groupBy().label(day), label -> new Sums());
    money.forEach(row -> {
      of.apply(row.day()).add(row);
      all.add(row);
    });
    kinds.forEach(row -> {
      of.apply(row.day()).add(row);
      all.add(row);
    });
    invoiced.forEach(row -> {
      of.apply(row.day()).add(row);
      all.add(row);
    });
    List<Period> periods = new ArrayList<>();
    byPeriod.forEach((label, sums) -> periods.add(sums.period(label)));
    Period t = all.period("total");
    Totals totals = new Totals(t.gross(), t.refunds(), t.disputesLost(), t.net(), t.netAfterDisputes(), t.discounts(), t.tax(), t.giftCardRedemptions(),
        t.giftCardRefunds(), t.invoiced(), t.invoices(), t.capturedAfterCancel(), t.capturedAfterCancelRefunded(), t.byMethod(),
        t.refundsByMethod(), t.disputesLostByMethod(), t.byLineKind(), t.refundsByLineKind());
    Revenue revenue = new Revenue(amounts(services, ServiceRevenue::serviceId), amounts(services, ServiceRevenue::providerId),
        amounts(services, ServiceRevenue::locationId));
    Insurance insurance = new Insurance(
        payers.stream().mapToLong(PayerInsurance::submitted).sum(), payers.stream().mapToLong(PayerInsurance::approvedClaims).sum(),
        payers.stream().mapToLong(PayerInsurance::rejected).sum(), payers.stream().mapToLong(PayerInsurance::claimed).sum(),
        payers.stream().mapToLong(PayerInsurance::expected).sum(), payers.stream().mapToLong(PayerInsurance::approved).sum(),
        payers.stream().mapToLong(PayerInsurance::applied).sum(), List.copyOf(payers));
    return new FinancialReport(range.from(), range.to(), range.groupBy().wireName(), timeZone, currency, null, 0, totals,
        List.copyOf(periods), revenue, insurance);
  }

  /** Summed per id (null ids, e.g. a booking without a location, are left out), largest first, then by id. */
  private static List<Amount> amounts(List<ServiceRevenue> rows, Function<ServiceRevenue, UUID> id) {
    Map<UUID, Long> sums = new TreeMap<>();
    rows.forEach(row -> {
      if (id.apply(row) != null) {
        sums.merge(id.apply(row), row.amount(), Long::sum);
      }
    });
    return sums.entrySet().stream()
        .map(e -> new Amount(e.getKey(), e.getValue()))
        .sorted((a, b) -> a.amount() != b.amount() ? Long.compare(b.amount(), a.amount()) : a.id().compareTo(b.id()))
        .toList();
  }

  FinancialReport withFreshness(Instant asOf, long lagSeconds) {
    return new FinancialReport(from, to, groupBy, timeZone, currency, asOf, lagSeconds, totals, periods, revenue, insurance);
  }

  /**
   * One table in long form, {@code period,currency,figure,key,amount}: each period's figures (maps as
   * one row per key, e.g. {@code byMethod,CARD}), then the totals (period {@code total}), the
   * revenue per service, provider and location (key: the id) and the insurance figures (key: the
   * payer) over the whole range.
   */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    periods.forEach(p -> figures(rows, p));
    figures(rows, new Period("total", totals.gross(), totals.refunds(), totals.disputesLost(), totals.net(), totals.netAfterDisputes(), totals.discounts(),
        totals.tax(), totals.giftCardRedemptions(), totals.giftCardRefunds(), totals.invoiced(), totals.invoices(),
        totals.capturedAfterCancel(), totals.capturedAfterCancelRefunded(), totals.byMethod(), totals.refundsByMethod(),
        totals.disputesLostByMethod(), totals.byLineKind(), totals.refundsByLineKind()));
    revenue.byService().forEach(a -> rows.add(row("total", "revenueByService", a.id(), a.amount())));
    revenue.byProvider().forEach(a -> rows.add(row("total", "revenueByProvider", a.id(), a.amount())));
    revenue.byLocation().forEach(a -> rows.add(row("total", "revenueByLocation", a.id(), a.amount())));
    rows.add(row("total", "insurance.claimed", null, insurance.claimed()));
    rows.add(row("total", "insurance.expected", null, insurance.expected()));
    rows.add(row("total", "insurance.approved", null, insurance.approved()));
    rows.add(row("total", "insurance.applied", null, insurance.applied()));
    insurance.payers().forEach(p -> {
      rows.add(row("total", "insurance.claimed", p.payer(), p.claimed()));
      rows.add(row("total", "insurance.expected", p.payer(), p.expected()));
      rows.add(row("total", "insurance.approved", p.payer(), p.approved()));
      rows.add(row("total", "insurance.applied", p.payer(), p.applied()));
    });
    return new CsvTable("financial-" + currency + "-" + from + "-" + to + ".csv", List.of("period", "currency", "figure", "key", "amount"),
        rows);
  }

  private void figures(List<List<Object>> rows, Period p) {
    String label = p.period();
    rows.add(row(label, "gross", null, p.gross()));
    rows.add(row(label, "refunds", null, p.refunds()));
    rows.add(row(label, "disputesLost", null, p.disputesLost()));
    rows.add(row(label, "net", null, p.net()));
    rows.add(row(label, "netAfterDisputes", null, p.netAfterDisputes()));
    rows.add(row(label, "discounts", null, p.discounts()));
    rows.add(row(label, "tax", null, p.tax()));
    rows.add(row(label, "giftCardRedemptions", null, p.giftCardRedemptions()));
    rows.add(row(label, "giftCardRefunds", null, p.giftCardRefunds()));
    rows.add(row(label, "invoiced", null, p.invoiced()));
    rows.add(row(label, "invoices", null, p.invoices()));
    rows.add(row(label, "capturedAfterCancel", null, p.capturedAfterCancel()));
    rows.add(row(label, "capturedAfterCancelRefunded", null, p.capturedAfterCancelRefunded()));
    p.byMethod().forEach((key, amount) -> rows.add(row(label, "byMethod", key, amount)));
    p.refundsByMethod().forEach((key, amount) -> rows.add(row(label, "refundsByMethod", key, amount)));
    p.disputesLostByMethod().forEach((key, amount) -> rows.add(row(label, "disputesLostByMethod", key, amount)));
    p.byLineKind().forEach((key, amount) -> rows.add(row(label, "byLineKind", key, amount)));
    p.refundsByLineKind().forEach((key, amount) -> rows.add(row(label, "refundsByLineKind", key, amount)));
  }

  private List<Object> row(String period, String figure, Object key, long amount) {
    return Arrays.asList(period, currency, figure, key, amount);
  }
}
