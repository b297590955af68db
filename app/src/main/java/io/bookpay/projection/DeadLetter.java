package io.bookpay.projection;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * An event a consumer parked because it could not apply it: where it was in Kafka, why it failed
 * (the last attempt's error), how often it was tried, and the envelope as it was read.
 */
public record DeadLetter(
    UUID id,
    String consumer,
    UUID eventId,
    String eventType,
    UUID tenantId,
    Instant occurredAt,
    String topic,
    int partition,
    long offset,
    String error,
    int attempts,
    Instant parkedAt,
    Instant updatedAt,
    @JsonRawValue String envelope) {}
