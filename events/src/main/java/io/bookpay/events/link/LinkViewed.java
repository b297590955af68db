package io.bookpay.events.link;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The link's public page was opened {@code views} times between {@code from} and {@code to}. Views
 * are counted in memory and published per link once per flush interval, so a burst of views costs
 * one outbox row per link per interval, not one per view.
 */
@EventType("LinkViewed")
public record LinkViewed(UUID linkId, long views, Instant from, Instant to) implements LinkEvent {}
