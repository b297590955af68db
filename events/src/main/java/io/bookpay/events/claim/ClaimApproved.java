package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The payer approved {@code amount} of the claim. {@code payer} is the insurer's name as the plan
 * gives it (an added field; absent in older events).
 */
@EventType("ClaimApproved")
public record ClaimApproved(UUID claimId, UUID customerId, UUID planId, long amount, long claimedAmount, String currency, String payer)
    implements ClaimEvent {}
