package io.bookpay.events.link;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The link's free slots were asked for {@code searches} times between {@code from} and {@code to}.
 * Counted in memory and published per link once per flush interval, like {@link LinkViewed}.
 */
@EventType("LinkSlotsSearched")
public record LinkSlotsSearched(UUID linkId, long searches, Instant from, Instant to) implements LinkEvent {}
