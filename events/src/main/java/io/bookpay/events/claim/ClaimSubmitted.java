package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/**
 * The claim went to the payer; {@code expectedCoveredAmount} was computed again at submission, against
 * the member's use so far. {@code payer} is the insurer's name as the plan gives it (an added field;
 * absent in older events).
 */
@EventType("ClaimSubmitted")
public record ClaimSubmitted(UUID claimId, UUID customerId, UUID planId, long claimedAmount, long expectedCoveredAmount, String currency,
    String payer) implements ClaimEvent {}
