package io.bookpay.events.booking;

import io.bookpay.events.EventType;
import java.time.Instant;

/** The booking moved; booking() holds the new period. */
@EventType("BookingRescheduled")
public record BookingRescheduled(BookingFacts booking, Instant previousStart, Instant previousEnd) implements BookingEvent {}
