package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's paid package: each redemption against a booking uses one session. {@code sessionsReversed}
 * unused sessions were taken back by refunds of the invoice that sold it.
 */
public record PackagePurchase(UUID id, @JsonIgnore UUID tenantId, UUID packageId, UUID customerId, UUID invoiceId, UUID serviceId,
    int sessionsTotal, int sessionsRemaining, int sessionsReversed, Instant createdAt) {}
