package io.bookpay.events.booking;

import io.bookpay.events.EventType;
import java.time.Instant;

/** A hold was placed on a slot; it lapses at holdExpiresAt unless confirmed. */
@EventType("BookingHeld")
public record BookingHeld(BookingFacts booking, Instant holdExpiresAt) implements BookingEvent {}
