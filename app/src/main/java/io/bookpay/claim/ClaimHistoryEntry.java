package io.bookpay.claim;

import java.time.Instant;

/** One transition of a claim: who moved it from what to what, why, and when. {@code from} is null for its creation. */
public record ClaimHistoryEntry(String from, String to, String actor, String reason, Instant at) {}
