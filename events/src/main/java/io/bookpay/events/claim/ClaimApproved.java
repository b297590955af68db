package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The payer approved {@code amount} of the claim. */
@EventType("ClaimApproved")
public record ClaimApproved(UUID claimId, UUID customerId, UUID planId, long amount, long claimedAmount, String currency)
    implements ClaimEvent {}
