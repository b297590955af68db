package io.bookpay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookpay.projection.analytics.AnalyticsReports.BookedTime;
import io.bookpay.projection.analytics.AnalyticsReports.ProviderSchedule;
import io.bookpay.projection.analytics.AnalyticsReports.Window;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Utilisation per provider and period: booked minutes ÷ working minutes. Working minutes come from
 * the provider's weekly hours (catalog events), read on each calendar day in the zone of the
 * window's location, so a window across a DST change is as long as the clock says (01:00-04:00 on
 * the spring-forward day is two hours). Booked minutes are the length of the provider's bookings
 * that hold its time (confirmed, completed, no-show) on the day they start, in the same zone.
 * Time off is not on the wire and is not subtracted. {@code utilisation} is null over no working
 * time; it may pass 1 when bookings fall outside the hours.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UtilisationReport(
    LocalDate from,
    LocalDate to,
    String groupBy,
    String timeZone,
    Instant asOf,
    long lagSeconds,
    Figures totals,
    List<Provider> providers) implements CsvReport {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Figures(long bookedMinutes, long workingMinutes, BigDecimal utilisation) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Provider(UUID providerId, String name, long bookedMinutes, long workingMinutes, BigDecimal utilisation, List<Period> periods) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Period(String period, long bookedMinutes, long workingMinutes, BigDecimal utilisation) {}

  /** The instants whose bookings may fall in the range in any zone: a day of margin on each side. */
  static Instant[] bookingWindow(ReportRange range, ZoneId zone) {
    return new Instant[] {range.from().minusDays(1).atStartOfDay(zone).toInstant(), range.to().plusDays(2).atStartOfDay(zone).toInstant()};
  }

  static UtilisationReport of(ReportRange range, ZoneId zone, List<ProviderSchedule> schedules, Map<UUID, ZoneId> locationZones,
      List<BookedTime> booked) {
    Map<UUID, ProviderSchedule> providers = new LinkedHashMap<>();
    schedules.forEach(s -> providers.put(s.providerId(), s));
    booked.forEach(b -> providers.putIfAbsent(b.providerId(), new ProviderSchedule(b.providerId(), null, false, List.of())));
    List<Provider> out = new ArrayList<>();
    long bookedAll = 0;
    long workingAll = 0;
    for (ProviderSchedule schedule : providers.values()) {
      Map<String, long[]> periods = new LinkedHashMap<>(); // {booked, working}
      range.groupBy().labels(range.from(), range.to()).forEach(label -> periods.put(label, new long[2]));
      addWorking(range, zone, locationZones, schedule, periods);
      booked.stream().filter(b -> b.providerId().equals(schedule.providerId())).forEach(b -> addBooked(range, zone, locationZones, b, periods));
      List<Period> rows = new ArrayList<>();
      long bookedMinutes = 0;
      long workingMinutes = 0;
      for (Map.Entry<String, long[]> p : periods.entrySet()) {
        rows.add(new Period(p.getKey(), p.getValue()[0], p.getValue()[1], Rates.of(p.getValue()[0], p.getValue()[1])));
        bookedMinutes += p.getValue()[0];
        workingMinutes += p.getValue()[1];
      }
      out.add(new Provider(schedule.providerId(), schedule.name(), bookedMinutes, workingMinutes, Rates.of(bookedMinutes, workingMinutes),
          List.copyOf(rows)));
      bookedAll += bookedMinutes;
      workingAll += workingMinutes;
    }
    return new UtilisationReport(range.from(), range.to(), range.groupBy().wireName(), zone.getId(), null, 0,
        new Figures(bookedAll, workingAll, Rates.of(bookedAll, workingAll)), List.copyOf(out));
  }

  private static void addWorking(ReportRange range, ZoneId zone, Map<UUID, ZoneId> locationZones, ProviderSchedule schedule,
      Map<String, long[]> periods) {
    if (!schedule.active()) {
      return;
    }
    for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
      for (Window w : schedule.windows()) {
        if (w.weekday() == day.getDayOfWeek().getValue() && w.end().isAfter(w.start())) {
          ZoneId at = locationZones.getOrDefault(w.locationId(), zone);
          long minutes = Duration.between(ZonedDateTime.of(day, w.start(), at), ZonedDateTime.of(day, w.end(), at)).toMinutes();
          periods.get(range.groupBy().label(day))[1] += minutes;
        }
      }
    }
  }

  private static void addBooked(ReportRange range, ZoneId zone, Map<UUID, ZoneId> locationZones, BookedTime booking,
      Map<String, long[]> periods) {
    LocalDate day = LocalDate.ofInstant(booking.start(), locationZones.getOrDefault(booking.locationId(), zone));
    if (!day.isBefore(range.from()) && !day.isAfter(range.to()) && booking.end() != null) {
      periods.get(range.groupBy().label(day))[0] += Math.max(0, Duration.between(booking.start(), booking.end()).toMinutes());
    }
  }

  UtilisationReport withFreshness(Instant asOf, long lagSeconds) {
    return new UtilisationReport(from, to, groupBy, timeZone, asOf, lagSeconds, totals, providers);
  }

  /** Long form: a row per provider and period, a row per provider (period {@code total}), then the totals. */
  @Override
  public CsvTable csv() {
    List<List<Object>> rows = new ArrayList<>();
    providers.forEach(p -> p.periods().forEach(q -> rows.add(Arrays.asList(q.period(), p.providerId(), p.name(), q.bookedMinutes(),
        q.workingMinutes(), q.utilisation()))));
    providers.forEach(p -> rows.add(Arrays.asList("total", p.providerId(), p.name(), p.bookedMinutes(), p.workingMinutes(), p.utilisation())));
    rows.add(Arrays.asList("total", null, null, totals.bookedMinutes(), totals.workingMinutes(), totals.utilisation()));
    return new CsvTable("utilisation-" + from + "-" + to + ".csv",
        List.of("period", "providerId", "provider", "bookedMinutes", "workingMinutes", "utilisation"), rows);
  }
}
