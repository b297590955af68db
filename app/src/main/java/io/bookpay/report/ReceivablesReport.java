package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.finance.FinanceReports.OpenInvoice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What finalized invoices of one currency still owed at the end of {@code on} (a day in the
 * tenant's zone): each invoice's total less the payments made by then (refunds never reopen an
 * invoice; a voided one owes nothing from the day it was voided), aged by the days from its due
 * date to {@code on}, or from the day it was finalized when it has no due date. {@code "0-30"}
 * holds invoices up to 30 days past (and those not yet due), then {@code "31-60"}, {@code "61-90"}
 * and {@code "90+"}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReceivablesReport(
    String currency,
    LocalDate on,
    String timeZone,
    Instant asOf,
    long lagSeconds,
    long totalOutstanding,
    long invoices,
    Map<String, Long> buckets) implements CsvReport {

  static final List<String> BUCKETS = List.of("0-30", "31-60", "61-90", "90+");

  static ReceivablesReport of(String currency, LocalDate on, String timeZone, List<OpenInvoice> open) {
    Map<String, Long> buckets = new LinkedHashMap<>();
    BUCKETS.forEach(b -> buckets.put(b, 0L));
    long total = 0;
    for (OpenInvoice invoice : open) {
      long days = ChronoUnit.DAYS.between(invoice.dueDay() != null ? invoice.dueDay() : invoice.finalizedDay(), on);
      buckets.merge(bucket(days), invoice.outstanding(), Long::sum);
      total += invoice.outstanding();
    }
    return new ReceivablesReport(currency, on, timeZone, null, 0, total, open.size(), java.util.Collections.unmodifiableMap(buckets));
  }

  static String bucket(long daysPast) {
    if (daysPast <= 30) {
      return "0-30";
    }
    if (daysPast <= 60) {
      return "31-60";
    }
    return daysPast <= 90 ? "61-90" : "90+";
  }

  ReceivablesReport withFreshness(Instant asOf, long lagSeconds) {
    return new ReceivablesReport(currency, on, timeZone, asOf, lagSeconds, totalOutstanding, invoices, buckets);
  }

  /** One row: the day, the currency, the total, the open invoices and each bucket. */
  @Override
  public CsvTable csv() {
    return new CsvTable("receivables-" + currency + "-" + on + ".csv",
        List.of("on", "currency", "totalOutstanding", "invoices", "0-30", "31-60", "61-90", "90+"),
        List.of(Arrays.asList(on, currency, totalOutstanding, invoices, buckets.get("0-30"), buckets.get("31-60"), buckets.get("61-90"),
            buckets.get("90+"))));
  }
}
