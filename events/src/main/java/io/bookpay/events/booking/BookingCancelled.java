package io.bookpay.events.booking;

import io.bookpay.events.EventType;
import java.time.Instant;

/** The booking was cancelled. */
@EventType("BookingCancelled")
public record BookingCancelled(BookingFacts booking, String reason) implements BookingEvent {}
