package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A customer's membership of a tier, paid from {@code startsAt} to {@code endsAt}; ENDED once ended. */
public record Membership(UUID id, @JsonIgnore UUID tenantId, UUID tierId, UUID customerId, UUID invoiceId, String status,
    long priceAmount, String currency, String period, Instant startsAt, Instant endsAt, Instant endedAt, Instant createdAt) {}
