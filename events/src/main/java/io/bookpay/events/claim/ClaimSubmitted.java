package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The claim went to the payer; {@code expectedCoveredAmount} was computed again at submission, against the member's use so far. */
@EventType("ClaimSubmitted")
public record ClaimSubmitted(UUID claimId, UUID customerId, UUID planId, long claimedAmount, long expectedCoveredAmount, String currency)
    implements ClaimEvent {}
