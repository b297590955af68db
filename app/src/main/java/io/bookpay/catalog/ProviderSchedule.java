package io.bookpay.catalog;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** What availability needs to know of one provider: weekly windows with their zones, and time off. */
public record ProviderSchedule(UUID providerId, List<Window> windows, List<Range> timeOff) {

  /** A weekly window at a location, in that location's zone. */
  public record Window(UUID locationId, ZoneId zone, int weekday, LocalTime start, LocalTime end) {}

  /** A half-open absolute range [start, end). */
  public record Range(Instant start, Instant end) {
    public boolean overlaps(Instant otherStart, Instant otherEnd) {
      return start.isBefore(otherEnd) && otherStart.isBefore(end);
    }
  }
}
