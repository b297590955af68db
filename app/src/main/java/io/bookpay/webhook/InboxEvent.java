package io.bookpay.webhook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A received webhook event and what processing made of it. */
public record InboxEvent(
    UUID id,
    @JsonIgnore UUID tenantId,
    String provider,
    String eventId,
    String type,
    String status,
    String outcome,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant receivedAt,
    Instant processedAt,
    @JsonIgnore String payload) {}
