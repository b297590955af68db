package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/** The payer rejected the claim. */
@EventType("ClaimRejected")
public record ClaimRejected(UUID claimId, UUID customerId, UUID planId, String reason) implements ClaimEvent {}
