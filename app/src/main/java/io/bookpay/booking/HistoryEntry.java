package io.bookpay.booking;

import java.time.Instant;

/** One change of a booking: from (null at creation), to, who ({@code api-key:<id>} or {@code system:<what>}), why, when. */
public record HistoryEntry(String from, String to, String actor, String reason, Instant at) {}
