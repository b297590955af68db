package io.bookpay.booking;

import io.bookpay.catalog.Offering;
import io.bookpay.catalog.ProviderSchedule;
import io.bookpay.catalog.ProviderSchedule.Range;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Computes free slots. Pure: everything it knows comes in as arguments, so it is tested without a
 * database or a clock.
 *
 * <p>A weekly window is read in its location's zone on each calendar date, then turned into an
 * absolute range: on a spring-forward day a 00:00–04:00 window is three hours long, on a fall-back
 * day five, and a window starting inside a gap starts at the first valid instant after it. Slots
 * start at the window's start and every slot interval after it, in absolute time, and must end
 * within the window. A slot is offered when it starts no earlier than now + minimum notice and no
 * later than now + maximum advance, does not overlap time off, and its blocked range (the slot
 * widened by the service's buffers) overlaps no busy range. Buffers may reach outside the window.
 */
final class AvailabilityEngine {

  private AvailabilityEngine() {}

  /**
   * Free slots of one provider whose start lies in [from, to).
   *
   * @param busy blocked ranges of the provider's active bookings
   */
  static List<Slot> slots(Offering service, ProviderSchedule schedule, List<Range> busy, Instant now, Instant from, Instant to) {
    Instant earliest = max(from, now.plus(service.minNotice()));
    Instant latest = now.plus(service.maxAdvance());
    List<Slot> slots = new ArrayList<>();
    if (!earliest.isBefore(to) || earliest.isAfter(latest)) {
      return slots;
    }
    for (ProviderSchedule.Window window : schedule.windows()) {
      LocalDate first = LocalDate.ofInstant(from, window.zone()).minusDays(1);
      LocalDate last = LocalDate.ofInstant(to, window.zone()).plusDays(1);
      for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
        if (date.getDayOfWeek().getValue() != window.weekday()) {
          continue;
        }
        Instant windowStart = ZonedDateTime.of(date, window.start(), window.zone()).toInstant();
        Instant windowEnd = ZonedDateTime.of(date, window.end(), window.zone()).toInstant();
        for (Instant start = windowStart; !start.plus(service.duration()).isAfter(windowEnd); start = start.plus(service.interval())) {
          if (start.isBefore(earliest)) {
            continue;
          }
          if (!start.isBefore(to) || start.isAfter(latest)) {
            break;
          }
          Instant end = start.plus(service.duration());
          if (overlapsAny(schedule.timeOff(), start, end)) {
            continue;
          }
          if (overlapsAny(busy, start.minus(service.bufferBefore()), end.plus(service.bufferAfter()))) {
            continue;
          }
          slots.add(new Slot(start, end, schedule.providerId(), window.locationId()));
        }
      }
    }
    slots.sort(Comparator.comparing(Slot::start));
    return slots;
  }

  /** The slot starting exactly at {@code start}, if the provider's schedule offers it (bookings aside). */
  static Slot offered(Offering service, ProviderSchedule schedule, Instant now, Instant start) {
    List<Slot> slots = slots(service, schedule, List.of(), now, start, start.plusNanos(1));
    return slots.isEmpty() || !slots.get(0).start().equals(start) ? null : slots.get(0);
  }

  private static boolean overlapsAny(List<Range> ranges, Instant start, Instant end) {
    for (Range range : ranges) {
      if (range.overlaps(start, end)) {
        return true;
      }
    }
    return false;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
