package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.util.UUID;

/** Every transition of the lifecycle, with its reason if one was given. */
@EventType("ClaimStatusChanged")
public record ClaimStatusChanged(UUID claimId, String from, String to, String reason) implements ClaimEvent {}
