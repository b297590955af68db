package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.analytics.AnalyticsReports.LinkFunnel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The express-link funnel, per link and in all: views (each opening of the link's page or public
 * API; an event of n views counts n) → public slot searches → bookings made through the link →
 * those bookings completed, each counted on the day it happened, with the rates between the steps
 * (null over nothing).
 */
@JsonInclude(JsonInclude.Include.ALWAYS) // a rate over nothing is null, not left out
public record FunnelReport(
    LocalDate from,
    LocalDate to,
    String timeZone,
    Instant asOf,
    long lagSeconds,
    Totals totals,
    List<Link> links) implements CsvReport {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Totals(long views, long slotSearches, long bookings, long completed, BigDecimal viewToBookingRate,
      BigDecimal viewToSearchRate, BigDecimal searchToBookingRate, BigDecimal bookingToCompletedRate) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Link(UUID linkId, long views, long slotSearches, long bookings, long completed, BigDecimal viewToBookingRate) {}

  static FunnelReport of(ReportRange range, String timeZone, List<LinkFunnel> rows) {
    long views = 0;
    long searches = 0;
    long bookings = 0;
    long completed = 0;
    List<Link> links = new ArrayList<>();
    for (LinkFunnel row : rows) {
      views += row.views();
      searches += row.slotSearches();
      bookings += row.bookings();
      completed += row.completed();
      links.add(new Link(row.linkId(), row.views(), row.slotSearches(), row.bookings(), row.completed(), Rates.of(row.bookings(), row.views())));
    }
    Totals totals = new Totals(views, searches, bookings, completed, Rates.of(bookings, views), Rates.of(searches, views),
        Rates.of(bookings, searches), Rates.of(completed, bookings));
    return new FunnelReport(range.from(), range.to(), timeZone, null, 0, totals, List.copyOf(links));
  }

  FunnelReport withFreshness(Instant asOf, long lagSeconds) {
    return new FunnelReport(from, to, timeZone, asOf, lagSeconds, totals, links);
  }

  /** One row per link, then the totals as link {@code total}. */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    links.forEach(l -> rows.add(Arrays.asList(l.linkId(), l.views(), l.slotSearches(), l.bookings(), l.completed(), l.viewToBookingRate())));
    rows.add(Arrays.asList("total", totals.views(), totals.slotSearches(), totals.bookings(), totals.completed(), totals.viewToBookingRate()));
    return new CsvTable("funnel-" + from + "-" + to + ".csv",
        List.of("linkId", "views", "slotSearches", "bookings", "completed", "viewToBookingRate"), rows);
  }
}
