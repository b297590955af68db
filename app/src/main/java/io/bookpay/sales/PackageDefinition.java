package io.bookpay.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** {@code sessions} sessions of a service for {@code priceAmount}, sold through PACKAGE invoice lines. */
public record PackageDefinition(UUID id, @JsonIgnore UUID tenantId, String name, UUID serviceId, int sessions, long priceAmount,
    String currency, boolean active, Instant createdAt) {}
