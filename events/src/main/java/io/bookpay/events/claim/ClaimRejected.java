package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The payer rejected the claim. {@code payer} is the insurer's name as the plan gives it (an added field; absent in older events). */
@EventType("ClaimRejected")
public record ClaimRejected(UUID claimId, UUID customerId, UUID planId, String reason, String payer) implements ClaimEvent {}
