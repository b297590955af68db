package io.bookpay.events.claim;

import io.bookpay.events.EventType;
import java.time.LocalDate;
import java.util.UUID;

/** A DRAFT claim with what it asks for and what the plan's rules expect to cover. */
@EventType("ClaimCreated")
public record ClaimCreated(UUID claimId, UUID customerId, UUID planId, UUID bookingId, UUID invoiceId, LocalDate serviceDate,
    long claimedAmount, long expectedCoveredAmount, String currency) implements ClaimEvent {}
