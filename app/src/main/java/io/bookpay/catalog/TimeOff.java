package io.bookpay.catalog;

import java.time.Instant;
import java.util.UUID;

/** An absolute range in which a provider takes no bookings. */
public record TimeOff(UUID id, Instant start, Instant end, String reason) {}
