package io.bookpay.events.booking;

import io.bookpay.events.AggregateType;
import io.bookpay.events.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Events of the booking aggregate. Each carries the whole picture a consumer needs (who, with
 * whom, what, when, for how much), so none has to call back into Bookpay.
 */
public sealed interface BookingEvent extends DomainEvent
    permits BookingHeld, BookingConfirmed, BookingCancelled, BookingCompleted, BookingNoShow,
        BookingRescheduled, BookingHoldExpired {

  BookingFacts booking();

  @Override
  default UUID aggregateId() {
    return booking().bookingId();
  }

  @Override
  default AggregateType aggregateType() {
    return AggregateType.BOOKING;
  }

  /** What every booking event says about the booking. Money in minor units. */
  record BookingFacts(
      UUID bookingId,
      UUID providerId,
      UUID serviceId,
      UUID customerId,
      UUID locationId,
      Instant start,
      Instant end,
      long priceAmount,
      String currency) {}
}
