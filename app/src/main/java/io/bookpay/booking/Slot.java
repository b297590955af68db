package io.bookpay.booking;

import java.time.Instant;
import java.util.UUID;

/** A free appointment time: [start, end) with a provider at a location. */
public record Slot(Instant start, Instant end, UUID providerId, UUID locationId) {}
