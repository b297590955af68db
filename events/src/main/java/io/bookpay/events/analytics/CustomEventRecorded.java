package io.bookpay.events.analytics;

import io.bookpay.events.EventType;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A custom event a tenant recorded through the API, or a link's page recorded for its client.
 * {@code eventType} is the tenant's own name for it (lower case, {@code [a-z][a-z0-9_.-]{0,63}}, so it
 * never equals a domain event's name); {@code occurredAt} is when the client says it happened (the
 * envelope's time is when Bookpay recorded it). {@code linkId} is set when it came through a link;
 * {@code data} is the client's JSON object, at most 8 KB, or null.
 */
@EventType("CustomEventRecorded")
public record CustomEventRecorded(UUID customEventId, String eventType, Instant occurredAt, UUID customerId, String sessionId,
    UUID linkId, JsonNode data) implements AnalyticsEvent {

  public CustomEventRecorded {
    data = data == null || data.isNull() ? null : data;
  }
}
