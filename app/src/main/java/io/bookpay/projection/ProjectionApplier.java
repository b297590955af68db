package io.bookpay.projection;

import io.bookpay.events.EventEnvelope;
import io.bookpay.platform.kafka.ConsumedEvent;
import io.bookpay.platform.kafka.EventBatchHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies one projection's batches exactly once. A batch is one transaction: the event ids go into
 * {@code processed_events} (only those new there reach the projection, so a redelivered event
 * changes nothing), the projection applies them, and the consumer's position per partition is
 * stored; Kafka's offsets are committed after, by the loop. When the batch fails with a poison
 * event ({@link ApplyFailures}), it is applied again in a new transaction one event at a time, each
 * under a savepoint: an event that fails is rolled back to its savepoint and parked in
 * {@code projection_dead_letters}, the others apply, and the partition moves on.
 */
public final class ProjectionApplier implements EventBatchHandler {

  private static final Logger log = LoggerFactory.getLogger(ProjectionApplier.class);
  private static final Duration POSITIONS_TIMEOUT = Duration.ofSeconds(15);

  private final Projection projection;
  private final Projections support;
  private final BatchScope scope;

  ProjectionApplier(Projection projection, Projections support, BatchScope scope) {
    this.projection = projection;
    this.support = support;
    this.scope = scope;
  }

  /**
   * Where a batch's transaction writes and who hears of its commit. The live scope takes the
   * projection's switch lock (shared) first, so a rebuild's switch never interleaves with a live
   * batch; a rebuild's scope points the transaction's search path at the rebuild's fresh tables.
   */
  interface BatchScope {

    /** The transaction's first statements. */
    Mono<Void> begin();

    /** After the commit: the tenants whose events were new, the distinct events read, those parked. */
    void committed(Set<UUID> tenants, int events, int parked);
  }

  public String consumer() {
    return projection.consumer();
  }

  @Override
  public Mono<Void> apply(List<ConsumedEvent> batch) {
    if (batch.isEmpty()) {
      return Mono.empty();
    }
    List<ConsumedEvent> distinct = distinct(batch);
    ProjectionStore store = support.store();
    AtomicInteger parked = new AtomicInteger();
    return support.tx().transactional(scope.begin().then(applyFresh(distinct)).then(store.advance(consumer(), batch)))
        .onErrorResume(ApplyFailures::isPoison, error -> {
          log.warn("Consumer {}: a batch of {} event(s) failed ({}); applying it one event at a time to park the poison",
              consumer(), distinct.size(), ApplyFailures.describe(error));
          parked.set(0);
          return support.tx().transactional(scope.begin().then(applyOneByOne(distinct, parked)).then(store.advance(consumer(), batch)));
        })
        .then(Mono.fromRunnable(() -> scope.committed(tenants(distinct), distinct.size(), parked.get())));
  }

  @Override
  public Map<TopicPartition, Long> storedPositions(Collection<TopicPartition> partitions) {
    return support.store().positions(consumer(), partitions).block(POSITIONS_TIMEOUT);
  }

  /**
   * Marks the events processed and applies those that were not: within the caller's transaction.
   * Emits true when at least one was new.
   */
  Mono<Boolean> applyFresh(List<ConsumedEvent> events) {
    return support.store().markProcessed(consumer(), events.stream().map(e -> e.event().eventId()).toList())
        .collect(Collectors.toSet())
        .flatMap(fresh -> {
          List<EventEnvelope> toApply = events.stream().map(ConsumedEvent::event).filter(e -> fresh.contains(e.eventId())).toList();
          return toApply.isEmpty() ? Mono.just(false) : projection.apply(toApply).thenReturn(true);
        });
  }

  private Mono<Void> applyOneByOne(List<ConsumedEvent> events, AtomicInteger parked) {
    ProjectionStore store = support.store();
    return Flux.fromIterable(events)
        .concatMap(event -> store.savepoint()
            .then(applyFresh(List.of(event)))
            .then(store.releaseSavepoint())
            .onErrorResume(ApplyFailures::isPoison, error -> store.rollbackToSavepoint().then(park(event, error))
                .then(Mono.fromRunnable(parked::incrementAndGet))))
        .then();
  }

  private Mono<Void> park(ConsumedEvent event, Throwable error) {
    String reason = ApplyFailures.describe(error);
    log.error("Consumer {} parked event {} ({}) at {}-{}@{}: {}", consumer(), event.event().eventId(), event.event().type(),
        event.topic(), event.partition(), event.offset(), reason);
    return support.store().park(support.ids().next(), consumer(), event, support.json(event.event()), reason);
  }

  private static List<ConsumedEvent> distinct(List<ConsumedEvent> batch) {
    Map<UUID, ConsumedEvent> byId = new LinkedHashMap<>();
    batch.forEach(e -> byId.putIfAbsent(e.event().eventId(), e));
    return new ArrayList<>(byId.values());
  }

  private static Set<UUID> tenants(List<ConsumedEvent> events) {
    Set<UUID> tenants = new HashSet<>();
    events.forEach(e -> tenants.add(e.event().tenantId()));
    return tenants;
  }
}
