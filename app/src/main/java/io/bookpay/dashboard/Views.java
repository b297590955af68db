package io.bookpay.dashboard;

import io.bookpay.report.BookingsReport;
import io.bookpay.report.ClaimsReport;
import io.bookpay.report.FinancialReport;
import io.bookpay.report.FunnelReport;
import io.bookpay.report.ReceivablesReport;
import io.bookpay.report.UtilisationReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the reports into the dashboard's views: for each, the chart's series and the same numbers
 * as a table. Counts and minutes are shown as they are, money in the currency's major unit, rates
 * as percentages.
 */
final class Views {

  private final JsonMapper json;

  Views(JsonMapper json) {
    this.json = json;
  }

  View bookings(BookingsReport report) {
    List<String> labels = report.periods().stream().map(BookingsReport.Period::period).toList();
    List<List<String>> rows = report.periods().stream().map(p -> strings(p.period(), p.created(), p.confirmed(), p.cancelled(),
        p.noShows(), p.completed(), p.rescheduled())).toList();
    BookingsReport.Totals t = report.totals();
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    series.put("Created", values(report.periods(), BookingsReport.Period::created));
    series.put("Confirmed", values(report.periods(), BookingsReport.Period::confirmed));
    series.put("Cancelled", values(report.periods(), BookingsReport.Period::cancelled));
    series.put("No-shows", values(report.periods(), BookingsReport.Period::noShows));
    series.put("Completed", values(report.periods(), BookingsReport.Period::completed));
    series.put("Rescheduled", values(report.periods(), BookingsReport.Period::rescheduled));
    return new View("bookings", "Bookings per day by status", "Each counted on the day it happened.", chart("time", labels, series, "count"),
        List.of("Day", "Created", "Confirmed", "Cancelled", "No-shows", "Completed", "Rescheduled"), rows,
        strings("Total", t.created(), t.confirmed(), t.cancelled(), t.noShows(), t.completed(), t.rescheduled()));
  }

  View funnel(FunnelReport report) {
    List<String> labels = report.links().stream().map(l -> "Link " + l.linkId().toString().substring(0, 8)).toList();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < report.links().size(); i++) {
      FunnelReport.Link l = report.links().get(i);
      rows.add(strings(labels.get(i), l.views(), l.slotSearches(), l.bookings(), l.completed(), percent(l.viewToBookingRate())));
    }
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    series.put("Views", values(report.links(), FunnelReport.Link::views));
    series.put("Slot searches", values(report.links(), FunnelReport.Link::slotSearches));
    series.put("Bookings", values(report.links(), FunnelReport.Link::bookings));
    series.put("Completed", values(report.links(), FunnelReport.Link::completed));
    FunnelReport.Totals t = report.totals();
    return new View("funnel", "The funnel per link", "Views of a link's page, slot searches, bookings made through it, and those completed.",
        chart("bars", labels, series, "count"), List.of("Link", "Views", "Slot searches", "Bookings", "Completed", "View to booking"), rows,
        strings("Total", t.views(), t.slotSearches(), t.bookings(), t.completed(), percent(t.viewToBookingRate())));
  }

  View financial(FinancialReport report) {
    String currency = report.currency();
    List<String> labels = report.periods().stream().map(FinancialReport.Period::period).toList();
    List<List<String>> rows = report.periods().stream().map(p -> strings(p.period(), money(p.gross(), currency), money(p.refunds(), currency),
        money(p.net(), currency))).toList();
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    series.put("Revenue", report.periods().stream().map(p -> major(p.gross(), currency)).toList());
    series.put("Refunds", report.periods().stream().map(p -> major(p.refunds(), currency)).toList());
    series.put("Net", report.periods().stream().map(p -> major(p.net(), currency)).toList());
    FinancialReport.Totals t = report.totals();
    return new View("financial", "Revenue, refunds and net per day" + (currency == null ? "" : " (" + currency + ")"),
        currency == null ? "No money has moved yet." : "Money received (gift-card redemptions aside), money given back, and the difference.",
        chart("time", labels, series, "money"), List.of("Day", "Revenue", "Refunds", "Net"), rows,
        strings("Total", money(t.gross(), currency), money(t.refunds(), currency), money(t.net(), currency)));
  }

  View receivables(ReceivablesReport report) {
    String currency = report.currency();
    List<String> labels = report.buckets().keySet().stream().map(b -> b + " days").toList();
    List<List<String>> rows = report.buckets().entrySet().stream().map(e -> strings(e.getKey() + " days", money(e.getValue(), currency))).toList();
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    series.put("Outstanding", report.buckets().values().stream().map(v -> major(v, currency)).toList());
    return new View("receivables", "Receivables ageing on " + report.on() + (currency == null ? "" : " (" + currency + ")"),
        "What finalized invoices still owe, by days past due; " + report.invoices() + " open invoice" + (report.invoices() == 1 ? "" : "s") + ".",
        chart("bars", labels, series, "money"), List.of("Age", "Outstanding"), rows, strings("Total", money(report.totalOutstanding(), currency)));
  }

  View utilisation(UtilisationReport report) {
    List<String> labels = report.providers().stream().map(p -> p.name() == null ? "Provider " + p.providerId().toString().substring(0, 8) : p.name())
        .toList();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < report.providers().size(); i++) {
      UtilisationReport.Provider p = report.providers().get(i);
      rows.add(strings(labels.get(i), p.bookedMinutes(), p.workingMinutes(), percent(p.utilisation())));
    }
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    series.put("Utilisation %", report.providers().stream().map(p -> p.utilisation() == null ? null
        : p.utilisation().movePointRight(2).setScale(1, RoundingMode.HALF_UP)).toList());
    UtilisationReport.Figures t = report.totals();
    return new View("utilisation", "Utilisation per provider", "Booked minutes against working minutes.", chart("bars", labels, series, "percent"),
        List.of("Provider", "Booked minutes", "Working minutes", "Utilisation"), rows,
        strings("Total", t.bookedMinutes(), t.workingMinutes(), percent(t.utilisation())));
  }

  View claims(ClaimsReport report) {
    List<String> labels = report.payers().stream().map(ClaimsReport.Payer::payer).toList();
    List<List<String>> rows = report.payers().stream().map(p -> strings(p.payer(), p.submitted(), p.approved(), p.rejected(),
        percent(p.approvalRate()))).toList();
    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
    series.put("Submitted", values(report.payers(), ClaimsReport.Payer::submitted));
    series.put("Approved", values(report.payers(), ClaimsReport.Payer::approved));
    series.put("Rejected", values(report.payers(), ClaimsReport.Payer::rejected));
    ClaimsReport.Figures t = report.totals();
    return new View("claims", "Claims by status and payer", "Insurance claims submitted, approved and rejected in the period.",
        chart("bars", labels, series, "count"), List.of("Payer", "Submitted", "Approved", "Rejected", "Approval rate"), rows,
        strings("Total", t.submitted(), t.approved(), t.rejected(), percent(t.approvalRate())));
  }

  private String chart(String kind, List<String> labels, Map<String, List<? extends Number>> series, String unit) {
    List<Map<String, Object>> out = new ArrayList<>();
    series.forEach((label, values) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("label", label);
      one.put("values", values);
      out.add(one);
    });
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("kind", kind);
    chart.put("unit", unit);
    chart.put("labels", labels);
    chart.put("series", out);
    return json.writeValueAsString(chart);
  }

  private static <T> List<Long> values(List<T> rows, Function<T, Long> value) {
    return rows.stream().map(value).toList();
  }

  private static List<String> strings(Object... values) {
    return Arrays.stream(values).map(v -> v == null ? "" : v.toString()).toList();
  }

  private static String percent(BigDecimal rate) {
    return rate == null ? "–" : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
  }

  /** Minor units in the currency's major unit, for the chart's axis. */
  private static BigDecimal major(long minor, String currency) {
    return BigDecimal.valueOf(minor).movePointLeft(digits(currency));
  }

  static String money(long minor, String currency) {
    if (currency == null) {
      return "0";
    }
    NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
    format.setMinimumFractionDigits(digits(currency));
    format.setMaximumFractionDigits(digits(currency));
    return format.format(major(minor, currency)) + " " + currency;
  }

  private static int digits(String currency) {
    if (currency == null) {
      return 0;
    }
    try {
      return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }
}
