package io.bookpay.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on the wire: the event's identity and routing data around its payload.
 *
 * @param payload the decoded event, or {@code null} when the reader does not know the type (see
 *     {@link EventCodec#decode}); the routing fields are always present
 */
public record EventEnvelope(
    UUID eventId,
    String type,
    int schemaVersion,
    UUID tenantId,
    String aggregateType,
    UUID aggregateId,
    Instant occurredAt,
    DomainEvent payload) {

  public EventEnvelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(aggregateType, "aggregateType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /** Wraps an event that happened now to one tenant's aggregate. */
  public static EventEnvelope wrap(UUID eventId, UUID tenantId, Instant occurredAt, DomainEvent event) {
    return new EventEnvelope(
        eventId,
        event.type(),
        event.schemaVersion(),
        tenantId,
        event.aggregateType().wireName(),
        event.aggregateId(),
        occurredAt,
        event);
  }

  /** The topic that carries this envelope. */
  public String topic() {
    return AggregateType.fromWireName(aggregateType).topic();
  }
}
