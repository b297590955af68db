package io.bookpay.booking;

import java.util.EnumSet;
import java.util.Set;

/**
 * The booking lifecycle. HELD → CONFIRMED | CANCELLED | EXPIRED; CONFIRMED → COMPLETED | CANCELLED |
 * NO_SHOW; the rest are final. HELD and CONFIRMED bookings occupy their provider's time.
 */
public enum BookingStatus {
  HELD, CONFIRMED, CANCELLED, EXPIRED, COMPLETED, NO_SHOW;

  public Set<BookingStatus> next() {
    return switch (this) {
      case HELD -> EnumSet.of(CONFIRMED, CANCELLED, EXPIRED);
      case CONFIRMED -> EnumSet.of(COMPLETED, CANCELLED, NO_SHOW);
      case CANCELLED, EXPIRED, COMPLETED, NO_SHOW -> EnumSet.noneOf(BookingStatus.class);
    };
  }

  public boolean canMoveTo(BookingStatus target) {
    return next().contains(target);
  }

  public boolean isActive() {
    return this == HELD || this == CONFIRMED;
  }
}
