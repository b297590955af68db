package io.bookpay.events.booking;

import io.bookpay.events.EventType;
import java.time.Instant;

/** The booking is confirmed (directly, or from a hold). */
@EventType("BookingConfirmed")
public record BookingConfirmed(BookingFacts booking) implements BookingEvent {}
