package io.bookpay.booking;

import static io.bookpay.booking.BookingStatus.CANCELLED;
import static io.bookpay.booking.BookingStatus.COMPLETED;
import static io.bookpay.booking.BookingStatus.CONFIRMED;
import static io.bookpay.booking.BookingStatus.EXPIRED;
import static io.bookpay.booking.BookingStatus.HELD;
import static io.bookpay.booking.BookingStatus.NO_SHOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.testsupport.StatusTable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The booking lifecycle as a table: every (from, to) pair, the allowed ones listed here exactly, every other refused. */
class BookingStatusTest {

  /** The lifecycle of BookingStatus's comment and the README: the only steps there are. */
  private static final Map<BookingStatus, Set<BookingStatus>> ALLOWED = Map.of(
      HELD, EnumSet.of(CONFIRMED, CANCELLED, EXPIRED),
      CONFIRMED, EnumSet.of(COMPLETED, CANCELLED, NO_SHOW),
      CANCELLED, EnumSet.noneOf(BookingStatus.class),
      EXPIRED, EnumSet.noneOf(BookingStatus.class),
      COMPLETED, EnumSet.noneOf(BookingStatus.class),
      NO_SHOW, EnumSet.noneOf(BookingStatus.class));

  @Test
  void everyPairIsAllowedExactlyWhenTheTableSaysSo() {
    StatusTable.holds(BookingStatus.class, ALLOWED, BookingStatus::canMoveTo, BookingStatus::next);
  }

  @Test
  void onlyHeldAndConfirmedOccupyTheProvidersTime() {
    assertThat(EnumSet.allOf(BookingStatus.class).stream().filter(BookingStatus::isActive).toList()).isEqualTo(List.of(HELD, CONFIRMED));
  }

  @Test
  void theStatusesWithoutNextStepsAreExactlyTheInactiveOnes() {
    for (BookingStatus status : BookingStatus.values()) {
      assertThat(status.next().isEmpty()).as(status.name()).isEqualTo(!status.isActive());
    }
  }
}
