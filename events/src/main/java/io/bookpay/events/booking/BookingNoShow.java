package io.bookpay.events.booking;

import io.bookpay.events.EventType;
import java.time.Instant;

/** The customer did not come. */
@EventType("BookingNoShow")
public record BookingNoShow(BookingFacts booking) implements BookingEvent {}
