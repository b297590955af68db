package io.bookpay.events.booking;

import io.bookpay.events.EventType;
import java.time.Instant;

/** The appointment took place. */
@EventType("BookingCompleted")
public record BookingCompleted(BookingFacts booking) implements BookingEvent {}
