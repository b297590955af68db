package io.bookpay.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The application's clock while a demo is seeded: the system clock, shifted into the past while
 * the seeder replays a month, back to the real time after. The services' rules hold relative to it
 * (no booking in the past of this clock, no completion before the start), so the seeder goes around
 * "now" and nothing else. It only moves forward while seeding and never past the real time. Only
 * processes that seed install it ({@link #install}); a plain start keeps the platform's clock.
 */
public final class SeedClock extends Clock {

  private final Clock base;
  private final ZoneId zone;
  private volatile Duration offset = Duration.ZERO;

  public SeedClock(Clock base) {
    this(base, ZoneOffset.UTC);
  }

  private SeedClock(Clock base, ZoneId zone) {
    this.base = base;
    this.zone = zone;
  }

  /** Makes the application started by {@code builder} read time from a new seed clock (before its beans are made). */
  public static SpringApplicationBuilder install(SpringApplicationBuilder builder) {
    return builder.initializers(context -> context.getBeanFactory().registerSingleton("clock", new SeedClock(Clock.systemUTC())));
  }

  /** Moves the clock to {@code at} unless it is already later; never beyond the real time. */
  synchronized void advanceTo(Instant at) {
    Instant real = base.instant();
    if (at.isAfter(real)) {
      throw new IllegalArgumentException("The seed clock never runs ahead of the real time: " + at + " > " + real);
    }
    if (at.isAfter(instant())) {
      offset = Duration.between(real, at);
    }
  }

  /** Jumps back to {@code at} (only before anything was seeded at a later time). */
  synchronized void startAt(Instant at) {
    offset = Duration.between(base.instant(), at);
  }

  /** The real time again. */
  synchronized void backToNow() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset).truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    SeedClock owner = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return other;
      }

      @Override
      public Clock withZone(ZoneId again) {
        return owner.withZone(again);
      }

      @Override
      public Instant instant() {
        return owner.instant();
      }
    };
  }
}
