package io.bookpay.platform.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A clock whose instants are whole microseconds, PostgreSQL's precision, so an instant a service
 * answers with right after writing it is the instant every later read gives back. Not
 * {@code Clock.tick(..., 1 µs)}: its {@code millis()} divides by the tick's whole milliseconds (zero).
 */
final class MicrosecondClock extends Clock {

  private final Clock base;

  MicrosecondClock(Clock base) {
    this.base = base;
  }

  @Override
  public Instant instant() {
    return base.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public long millis() {
    return base.millis();
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MicrosecondClock(base.withZone(zone));
  }
}
