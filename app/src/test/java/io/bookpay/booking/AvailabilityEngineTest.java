package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.catalog.Offering;
import io.bookpay.catalog.ProviderSchedule;
import io.bookpay.catalog.ProviderSchedule.Range;
import io.bookpay.catalog.ProviderSchedule.Window;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The slot arithmetic, on ordinary days, DST days and odd offsets. All instants are UTC. */
class AvailabilityEngineTest {

  private static final UUID PROVIDER = UUID.randomUUID();
  private static final UUID LOCATION = UUID.randomUUID();
  private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

  private static Offering service(int minutes, int interval, int before, int after, int noticeMinutes, int advanceDays) {
    return new Offering(UUID.randomUUID(), UUID.randomUUID(), "Consultation", minutes, 5_000, "USD", before, after,
        noticeMinutes, advanceDays, interval, true, 0, LONG_AGO, LONG_AGO);
  }

  private static ProviderSchedule schedule(String zone, int weekday, String start, String end, Range... timeOff) {
    return new ProviderSchedule(PROVIDER,
        List.of(new Window(LOCATION, ZoneId.of(zone), weekday, LocalTime.parse(start), LocalTime.parse(end))), List.of(timeOff));
  }

  private static List<String> starts(List<Slot> slots) {
    return slots.stream().map(s -> s.start().toString()).toList();
  }

  private static List<Slot> day(Offering service, ProviderSchedule schedule, String date, List<Range> busy, Instant now) {
    Instant from = Instant.parse(date + "T00:00:00Z").minusSeconds(86_400);
    Instant to = Instant.parse(date + "T00:00:00Z").plusSeconds(2 * 86_400);
    return AvailabilityEngine.slots(service, schedule, busy, now, from, to);
  }

  private static Range range(String start, String end) {
    return new Range(Instant.parse(start), Instant.parse(end));
  }

  @Test
  void newYorkSpringForwardDayHasThreeHoursBetweenMidnightAndFour() {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    List<Slot> slots = day(service(60, 60, 0, 0, 0, 365), schedule("America/New_York", 7, "00:00", "04:00"), "2026-03-08", List.of(), LONG_AGO);
    assertThat(starts(slots)).containsExactly("2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z");
    assertThat(slots).allSatisfy(s -> assertThat(s.end()).isEqualTo(s.start().plusSeconds(3600)));
  }

  @Test
  void newYorkFallBackDayHasFiveHoursBetweenMidnightAndFour() {
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:00 local happens twice.
    List<Slot> slots = day(service(60, 60, 0, 0, 0, 365), schedule("America/New_York", 7, "00:00", "04:00"), "2026-11-01", List.of(), LONG_AGO);
    assertThat(starts(slots)).containsExactly(
        "2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z");
  }

  @Test
  void aWindowStartingInsideTheGapStartsAtTheFirstValidInstant() {
    // 02:30 does not exist on 2026-03-08 in New York; the window starts at 03:30 EDT (07:30Z).
    List<Slot> slots = day(service(30, 30, 0, 0, 0, 365), schedule("America/New_York", 7, "02:30", "05:00"), "2026-03-08", List.of(), LONG_AGO);
    assertThat(starts(slots)).containsExactly("2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z", "2026-03-08T08:30:00Z");
  }

  @Test
  void berlinSpringForwardAndFallBack() {
    ProviderSchedule early = schedule("Europe/Berlin", 7, "01:00", "04:00");
    Offering hour = service(60, 60, 0, 0, 0, 365);
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST: 01:00 CET = 00:00Z .. 04:00 CEST = 02:00Z.
    assertThat(starts(day(hour, early, "2026-03-29", List.of(), LONG_AGO)))
        .containsExactly("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z");
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET: 01:00 CEST = 23:00Z .. 04:00 CET = 03:00Z.
    assertThat(starts(day(hour, early, "2026-10-25", List.of(), LONG_AGO)))
        .containsExactly("2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z");
  }

  @Test
  void kolkataHasAHalfHourOffset() {
    // 2026-12-07 is a Monday; 09:00-12:00 IST (+05:30) is 03:30Z-06:30Z.
    List<Slot> slots = day(service(60, 60, 0, 0, 0, 365), schedule("Asia/Kolkata", 1, "09:00", "12:00"), "2026-12-07", List.of(), LONG_AGO);
    assertThat(starts(slots)).containsExactly("2026-12-07T03:30:00Z", "2026-12-07T04:30:00Z", "2026-12-07T05:30:00Z");
    assertThat(slots).allSatisfy(s -> assertThat(s.locationId()).isEqualTo(LOCATION));
  }

  @Test
  void minimumNoticeHidesSlotsTooSoon() {
    Instant now = Instant.parse("2026-12-07T03:00:00Z");
    List<Slot> slots = day(service(60, 60, 0, 0, 90, 365), schedule("Asia/Kolkata", 1, "09:00", "12:00"), "2026-12-07", List.of(), now);
    assertThat(starts(slots)).containsExactly("2026-12-07T04:30:00Z", "2026-12-07T05:30:00Z");
  }

  @Test
  void maximumAdvanceHidesSlotsTooFarAhead() {
    ProviderSchedule everyMonday = schedule("UTC", 1, "09:00", "10:00");
    Offering hour = service(60, 60, 0, 0, 0, 10);
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    List<Slot> slots = AvailabilityEngine.slots(hour, everyMonday, List.of(), now, now, Instant.parse("2026-12-31T00:00:00Z"));
    // Mondays 7, 14, 21, 28; only the 7th is within 10 days.
    assertThat(starts(slots)).containsExactly("2026-12-07T09:00:00Z");
  }

  @Test
  void buffersOnBothSidesKeepSlotsAwayFromBusyTime() {
    Offering withBuffers = service(30, 30, 15, 15, 0, 365);
    ProviderSchedule monday = schedule("UTC", 1, "08:00", "13:00");
    List<Range> busy = List.of(range("2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"));
    List<Slot> slots = day(withBuffers, monday, "2026-12-07", busy, LONG_AGO);
    // 09:30 would need 09:15-10:15 and 11:00 would need 10:45-11:45: both touch 10:00-11:00.
    assertThat(starts(slots)).containsExactly(
        "2026-12-07T08:00:00Z", "2026-12-07T08:30:00Z", "2026-12-07T09:00:00Z",
        "2026-12-07T11:30:00Z", "2026-12-07T12:00:00Z", "2026-12-07T12:30:00Z");
  }

  @Test
  void timeOffRemovesOverlappingSlotsOnly() {
    ProviderSchedule monday = schedule("UTC", 1, "11:00", "13:00", range("2026-12-07T12:00:00Z", "2026-12-07T12:30:00Z"));
    List<Slot> slots = day(service(30, 30, 0, 0, 0, 365), monday, "2026-12-07", List.of(), LONG_AGO);
    assertThat(starts(slots)).containsExactly("2026-12-07T11:00:00Z", "2026-12-07T11:30:00Z", "2026-12-07T12:30:00Z");
  }

  @Test
  void slotsEndWithinTheWindowAndFollowTheInterval() {
    // 45 minutes every 30 minutes in 09:00-11:00: 09:00, 09:30, 10:00 (10:30 would end at 11:15).
    List<Slot> slots = day(service(45, 30, 0, 0, 0, 365), schedule("UTC", 1, "09:00", "11:00"), "2026-12-07", List.of(), LONG_AGO);
    assertThat(starts(slots)).containsExactly("2026-12-07T09:00:00Z", "2026-12-07T09:30:00Z", "2026-12-07T10:00:00Z");
  }

  @Test
  void offeredFindsExactlyTheSlotAtAStart() {
    Offering hour = service(60, 60, 0, 0, 0, 365);
    ProviderSchedule monday = schedule("UTC", 1, "09:00", "12:00");
    assertThat(AvailabilityEngine.offered(hour, monday, LONG_AGO, Instant.parse("2026-12-07T10:00:00Z"))).isNotNull();
    assertThat(AvailabilityEngine.offered(hour, monday, LONG_AGO, Instant.parse("2026-12-07T10:15:00Z"))).isNull();
    assertThat(AvailabilityEngine.offered(hour, monday, LONG_AGO, Instant.parse("2026-12-07T12:00:00Z"))).isNull();
    assertThat(AvailabilityEngine.offered(hour, monday, LONG_AGO, Instant.parse("2026-12-08T10:00:00Z"))).isNull();
  }
}
