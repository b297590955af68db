package io.bookpay.page;

import io.bookpay.link.PublicSlot;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A week of free times as the page shows it, in the location's zone: seven days (those without a
 * free time greyed out), the chosen day's times, and links to the weeks before and after.
 *
 * @param previous the previous week's page, or null for the current week (no booking in the past)
 * @param selected the day whose times show without JavaScript (the script switches days in place)
 */
record Week(String label, String previous, String next, List<Day> days, Day selected) {

  /** One day of the week; {@code times} are all its free times (the script shows any day without a reload). */
  record Day(String iso, String label, boolean hasTimes, boolean selected, String href, List<Time> times) {}

  /** One free time: the instant (what the form posts, and what the script shows in the client's zone) and its label. */
  record Time(String instant, String label, String dayLabel, boolean checked) {
    static Time of(PublicSlot slot, ZoneId zone, String checkedStart) {
      return new Time(slot.start().toString(), PageFormat.time(slot.start(), zone),
          PageFormat.day(slot.start().atZone(zone).toLocalDate()), slot.start().toString().equals(checkedStart));
    }
  }

  static Week of(LocalDate monday, LocalDate wantedDay, List<PublicSlot> slots, ZoneId zone, LocalDate today, String checkedStart,
      String token) {
    Map<LocalDate, List<PublicSlot>> byDay = slots.stream()
        .collect(Collectors.groupingBy(s -> s.start().atZone(zone).toLocalDate(), TreeMap::new, Collectors.toList()));
    LocalDate chosen = wantedDay != null && !wantedDay.isBefore(monday) && wantedDay.isBefore(monday.plusDays(7))
        ? wantedDay : byDay.keySet().stream().findFirst().orElse(null);
    List<Day> days = new ArrayList<>();
    Day selected = null;
    for (int i = 0; i < 7; i++) {
      LocalDate date = monday.plusDays(i);
      List<Time> times = byDay.getOrDefault(date, List.of()).stream().map(s -> Time.of(s, zone, checkedStart)).toList();
      Day day = new Day(date.toString(), PageFormat.day(date), !times.isEmpty(), date.equals(chosen),
          "/b/" + token + "?week=" + monday + "&day=" + date + "#times", times);
      days.add(day);
      if (day.selected()) {
        selected = day;
      }
    }
    LocalDate thisMonday = today.minusDays(today.getDayOfWeek().getValue() - 1L);
    String previous = monday.isAfter(thisMonday) ? "/b/" + token + "?week=" + monday.minusDays(7) : null;
    String next = "/b/" + token + "?week=" + monday.plusDays(7);
    String label = PageFormat.day(monday) + " – " + PageFormat.day(monday.plusDays(6));
    return new Week(label, previous, next, days, selected);
  }
}
