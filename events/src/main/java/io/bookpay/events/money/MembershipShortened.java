package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** A refund of the invoice that sold the membership moved its paid end earlier; {@code ended} when that ended it at once. */
@EventType("MembershipShortened")
public record MembershipShortened(UUID membershipId, UUID invoiceId, UUID refundId, Instant previousEndsAt, Instant endsAt,
    boolean ended) implements MembershipEvent {}
