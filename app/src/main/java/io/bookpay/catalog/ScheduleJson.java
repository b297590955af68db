package io.bookpay.catalog;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON aggregates of {@link ProviderRepository#schedules} into a {@link ProviderSchedule}. */
final class ScheduleJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** PostgreSQL's json rendering of timestamptz: {@code 2026-03-08T07:00:00+00:00}, fraction optional. */
  private static final DateTimeFormatter PG_TIMESTAMP =
      new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HH:MM", "Z").toFormatter();

  private ScheduleJson() {}

  static ProviderSchedule parse(UUID providerId, String windowsJson, String timeOffJson) {
    List<ProviderSchedule.Window> windows = new ArrayList<>();
    for (JsonNode w : JSON.readTree(windowsJson)) {
      windows.add(new ProviderSchedule.Window(UUID.fromString(w.get("l").asString()), ZoneId.of(w.get("z").asString()),
          w.get("d").asInt(), LocalTime.parse(w.get("s").asString()), LocalTime.parse(w.get("e").asString())));
    }
    List<ProviderSchedule.Range> timeOff = new ArrayList<>();
    for (JsonNode t : JSON.readTree(timeOffJson)) {
      timeOff.add(new ProviderSchedule.Range(instant(t.get("s").asString()), instant(t.get("e").asString())));
    }
    return new ProviderSchedule(providerId, windows, timeOff);
  }

  private static Instant instant(String pgTimestamp) {
    return OffsetDateTime.parse(pgTimestamp, PG_TIMESTAMP).toInstant();
  }
}
