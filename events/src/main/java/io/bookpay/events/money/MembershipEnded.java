package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** The membership ended at {@code endedAt}, early if that is before its paid end. */
@EventType("MembershipEnded")
public record MembershipEnded(UUID membershipId, UUID tierId, UUID customerId, Instant endedAt, String reason)
    implements MembershipEvent {}
