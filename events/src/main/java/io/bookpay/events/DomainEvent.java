package io.bookpay.events;

import java.util.UUID;

/**
 * A fact that happened to one aggregate. Each aggregate groups its events in a sealed interface in
 * its own package (e.g. {@code CustomerEvent}), so a consumer switching over them is told by the
 * compiler when a new event type appears. This root cannot be sealed itself: outside a named
 * module, a sealed type's subtypes must share its package.
 */
public interface DomainEvent {

  /** The id of the aggregate the event belongs to; also the Kafka record key. */
  UUID aggregateId();

  /** The aggregate's type, which also decides the topic (see {@link Topics}). */
  AggregateType aggregateType();

  /** The event type's stable wire name, e.g. {@code CustomerRegistered}. */
  default String type() {
    return EventTypes.nameOf(getClass());
  }

  /** The version of the payload's shape; raised when a field is renamed or removed. */
  default int schemaVersion() {
    return EventTypes.schemaVersionOf(getClass());
  }
}
