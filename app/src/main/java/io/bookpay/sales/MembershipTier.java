package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A membership level at {@code priceAmount} per {@code period} (MONTH or YEAR), sold through MEMBERSHIP invoice lines. */
public record MembershipTier(UUID id, @JsonIgnore UUID tenantId, String name, long priceAmount, String currency, String period,
    boolean active, Instant createdAt) {}
