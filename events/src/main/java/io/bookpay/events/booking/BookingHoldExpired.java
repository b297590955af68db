package io.bookpay.events.booking;

import io.bookpay.events.EventType;
import java.time.Instant;

/** A hold lapsed without confirmation; the slot is free again. */
@EventType("BookingHoldExpired")
public record BookingHoldExpired(BookingFacts booking) implements BookingEvent {}
