package io.bookpay.projection;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.platform.clock.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The projections of this application and what their appliers share: one {@link ProjectionApplier}
 * per {@link Projection} bean, the transaction operator, the store, the listeners told after a
 * commit, and the dead-letter metrics ({@code bookpay_projection_parked_total} and the gauge
 * {@code bookpay_projection_dead_letters}, the events parked now, per consumer).
 */
@Service
public class Projections {

  private static final Logger log = LoggerFactory.getLogger(Projections.class);

  private final ProjectionStore store;
  private final TransactionalOperator tx;
  private final Ids ids;
  private final EventCodec codec;
  private final DatabaseClient db;
  private final ObjectProvider<AppliedListener> listeners;
  private final MeterRegistry meters;
  private final Map<String, Projection> projections;
  private final Map<String, ProjectionApplier> appliers;
  private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();

  Projections(List<Projection> projections, ProjectionStore store, TransactionalOperator tx, Ids ids, EventCodec codec,
      DatabaseClient db, ObjectProvider<AppliedListener> listeners, MeterRegistry meters) {
    this.store = store;
    this.tx = tx;
    this.ids = ids;
    this.codec = codec;
    this.db = db;
    this.listeners = listeners;
    this.meters = meters;
    this.projections = projections.stream().collect(Collectors.toUnmodifiableMap(Projection::consumer, p -> p));
    this.appliers = projections.stream().collect(Collectors.toUnmodifiableMap(Projection::consumer, p -> new ProjectionApplier(p, this, live(p.consumer()))));
    appliers.keySet().forEach(consumer -> Gauge.builder("bookpay.projection.dead.letters", deadLetters(consumer), AtomicLong::get)
        .tag("consumer", consumer).description("Events parked in projection_dead_letters, waiting for a retry").register(meters));
  }

  /** The batch handler of the projection whose consumer group is {@code consumer}. */
  public ProjectionApplier applier(String consumer) {
    ProjectionApplier applier = appliers.get(consumer);
    if (applier == null) {
      throw new IllegalArgumentException("no projection consumes as " + consumer);
    }
    return applier;
  }

  Optional<ProjectionApplier> find(String consumer) {
    return Optional.ofNullable(appliers.get(consumer));
  }

  /** The projection whose consumer group is {@code consumer}. */
  Optional<Projection> projection(String consumer) {
    return Optional.ofNullable(projections.get(consumer));
  }

  /** The consumer names of every projection. */
  Set<String> consumers() {
    return projections.keySet();
  }

  /** An applier of the projection's batches in another scope (a rebuild's fresh tables). */
  ProjectionApplier applier(String consumer, ProjectionApplier.BatchScope scope) {
    return new ProjectionApplier(projections.get(consumer), this, scope);
  }

  /** The live tables' scope: the switch lock, then the listeners after the commit. */
  private ProjectionApplier.BatchScope live(String consumer) {
    return new ProjectionApplier.BatchScope() {
      @Override
      public Mono<Void> begin() {
        return store.holdSwitchShared(consumer);
      }

      @Override
      public void committed(Set<UUID> tenants, int events, int parked) {
        Projections.this.committed(consumer, tenants, parked);
      }
    };
  }

  /** After a rebuild switched the projection's tables: every answer computed from the old ones goes. */
  void rebuilt(String consumer) {
    listeners.orderedStream().forEach(listener -> {
      try {
        listener.rebuilt(consumer);
      } catch (RuntimeException e) {
        log.warn("A listener failed after consumer {} was rebuilt", consumer, e);
      }
    });
  }

  /** Reads the count of parked events per consumer again (after a park or a retry, and on the pruner's schedule). */
  Mono<Void> refreshDeadLetterCounts() {
    return db.sql("SELECT consumer, count(*) AS parked FROM projection_dead_letters GROUP BY consumer")
        .map(row -> Map.entry(row.get("consumer", String.class), row.get("parked", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .doOnNext(counts -> appliers.keySet().forEach(consumer -> deadLetters(consumer).set(counts.getOrDefault(consumer, 0L))))
        .then();
  }

  ProjectionStore store() {
    return store;
  }

  TransactionalOperator tx() {
    return tx;
  }

  Ids ids() {
    return ids;
  }

  String json(EventEnvelope event) {
    return new String(codec.encode(event), StandardCharsets.UTF_8);
  }

  EventEnvelope decode(String json) {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  /** After a batch's commit: tell the listeners, count what was parked. */
  void committed(String consumer, Set<UUID> tenants, int parked) {
    if (parked > 0) {
      Counter.builder("bookpay.projection.parked").tag("consumer", consumer)
          .description("Events parked because they could not be applied").register(meters).increment(parked);
      refreshDeadLetterCounts().subscribe(done -> {}, e -> log.debug("Could not count dead letters", e));
    }
    if (!tenants.isEmpty()) {
      listeners.orderedStream().forEach(listener -> {
        try {
          listener.applied(consumer, tenants);
        } catch (RuntimeException e) {
          log.warn("A listener failed after consumer {} applied a batch", consumer, e);
        }
      });
    }
  }

  private AtomicLong deadLetters(String consumer) {
    return deadLetters.computeIfAbsent(consumer, key -> new AtomicLong());
  }
}
