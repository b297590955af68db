package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A percent ({@code percentOff}) or fixed ({@code amountOff} in {@code currency}) discount with limits. */
public record Coupon(
    UUID id,
    @JsonIgnore UUID tenantId,
    String code,
    String kind,
    Integer percentOff,
    Long amountOff,
    String currency,
    Instant validFrom,
    Instant validUntil,
    Integer maxRedemptions,
    Integer maxPerCustomer,
    int redemptions,
    boolean active,
    Instant createdAt) {}
