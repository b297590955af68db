package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** The refund that shortened the membership failed: its paid end is {@code endsAt} again ({@code active} if that is still ahead). */
@EventType("MembershipRestored")
public record MembershipRestored(UUID membershipId, UUID invoiceId, UUID refundId, Instant endsAt, boolean active)
    implements MembershipEvent {}
