package io.bookpay.events.money;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;

/** A membership runs from {@code startsAt} to {@code endsAt} at {@code priceAmount} per {@code period} (MONTH or YEAR). */
@EventType("MembershipStarted")
public record MembershipStarted(UUID membershipId, UUID tierId, UUID customerId, UUID invoiceId, long priceAmount,
    String currency, String period, Instant startsAt, Instant endsAt) implements MembershipEvent {}
