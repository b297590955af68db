package io.bookpay.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A signing secret as listed: its {@code hint} (last four characters), never the secret itself, except once on creation. */
public record WebhookSecret(UUID id, String provider, String hint, Instant createdAt, Instant revokedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {}
