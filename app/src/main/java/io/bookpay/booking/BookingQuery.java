package io.bookpay.booking;

import io.bookpay.platform.web.PageCursor;
import java.time.Instant;
import java.util.UUID;

/** Filters of the booking list; {@code after} is the decoded cursor: the start and id of the last booking shown. */
record BookingQuery(UUID providerId, UUID customerId, BookingStatus status, Instant from, Instant to, PageCursor.Keyed after) {}
