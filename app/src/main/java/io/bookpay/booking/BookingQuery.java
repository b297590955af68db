package io.bookpay.booking;

import java.time.Instant;
import java.util.UUID;

/** Filters of the booking list; {@code after} is the decoded cursor. */
record BookingQuery(UUID providerId, UUID customerId, BookingStatus status, Instant from, Instant to, Cursor after) {

  record Cursor(Instant start, UUID id) {}
}
