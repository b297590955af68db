package io.bookpay.tenant;

import java.time.Instant;
import java.util.UUID;

/** A business using Bookpay. */
public record Tenant(UUID id, String name, Instant createdAt) {}
