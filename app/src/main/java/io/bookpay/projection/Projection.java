package io.bookpay.projection;

import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A read model fed by one consumer group. {@link Projections} gives it exactly-once application:
 * it calls {@link #apply} inside the batch's transaction with only the events this consumer has not
 * applied before (deduplicated by event id through {@code processed_events}), in the order they were
 * read, and parks an event that decodes but cannot be applied.
 */
public interface Projection {

  /** The consumer group's name, e.g. {@code analytics}; also the key of its processed events and positions. */
  String consumer();

  /**
   * Applies fresh events within the caller's transaction; must not open one of its own. An error
   * rolls back what this call wrote: the batch is then applied one event at a time to find the
   * event that cannot be applied.
   */
  Mono<Void> apply(List<EventEnvelope> fresh);

  /**
   * The topics ({@link Topics} constants) its consumer group reads; a rebuild replays these. A
   * projection that reads fewer topics says so here, and its consumer loop subscribes to this list.
   */
  default Collection<String> topics() {
    return Topics.ALL;
  }

  /**
   * Its tables a rebuild starts from the live rows instead of empty: what it knows of the present
   * that every event is read in (the tenants' current time zones), so a rebuild buckets every event
   * in the tenant's current zone whatever order it reads the topics in (a zone on {@code bookpay.tenants}
   * may be read after the payments it applies to). Events replayed into them change them as usual.
   */
  default List<String> seededFromLive() {
    return List.of();
  }
}
