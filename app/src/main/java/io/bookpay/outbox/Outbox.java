package io.bookpay.outbox;

import io.bookpay.events.DomainEvent;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.SqlFile;
import io.bookpay.platform.idempotency.IdempotencyEffects;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Appends events to the outbox inside the caller's transaction, so they exist if and only if the
 * change they describe was committed. Outside a transaction it refuses: an event written on its own
 * could describe a change that never happened.
 */
@Component
public class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** Also run by bench/burst's pgbench scripts. */
  private static final String APPEND = SqlFile.load(Outbox.class, "append.sql");

  private final DatabaseClient db;
  private final EventCodec codec;
  private final Ids ids;
  private final Clock clock;
  private final Wakeup wakeup;
  private final IdempotencyEffects effects;
  private final List<Committed> committed = new CopyOnWriteArrayList<>();

  /**
   * Told of a transaction's events once it has committed, on the thread that committed it: so this
   * instance's caches of what changed forget it at once (other instances hear it from Kafka, or
   * wait out their TTL). Must be quick and must not block; a listener that throws is logged and the
   * others are still told (the commit stands either way).
   */
  public interface Committed {

    void committed(List<EventEnvelope> envelopes);
  }

  Outbox(DatabaseClient db, EventCodec codec, Ids ids, Clock clock, Wakeup wakeup, IdempotencyEffects effects) {
    this.effects = effects;
    this.db = db;
    this.codec = codec;
    this.ids = ids;
    this.clock = clock;
    this.wakeup = wakeup;
  }

  /** Registers a listener of committed events (see {@link Committed}); at startup. */
  public void onCommitted(Committed listener) {
    committed.add(listener);
  }

  /** Rows not yet published to Kafka (served by the partial index on unpublished rows): a seeder waits for zero before it exits. */
  public Mono<Long> unpublished() {
    return db.sql("SELECT count(*) AS pending FROM outbox WHERE published_at IS NULL").map(row -> row.get("pending", Long.class)).one();
  }

  public Mono<Void> append(UUID tenantId, DomainEvent event) {
    return append(tenantId, List.of(event));
  }

  /**
   * Queues the events in the caller's transaction; all the events of one transaction are written in
   * one statement just before it commits (a booking's customer, link use and booking events cost one
   * round trip, not three), in the order they were appended, and the relay is woken once it has
   * committed. If that write fails, the transaction rolls back and the commit fails with its error.
   * The request's idempotency key, if it has one, is marked as having changed data, in this
   * transaction.
   */
  public Mono<Void> append(UUID tenantId, List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return Mono.empty();
    }
    Instant now = clock.instant();
    List<EventEnvelope> envelopes =
        events.stream().map(event -> EventEnvelope.wrap(ids.next(), tenantId, now, event)).toList();
    return TransactionSynchronizationManager.forCurrentTransaction()
        .onErrorMap(e -> new IllegalStateException("Outbox.append must run inside a transaction", e))
        .flatMap(tx -> {
          pending(tx).add(envelopes);
          return effects.mark();
        });
  }

  /**
   * This transaction's queue, registered with it on its first append. Kept in the synchronization
   * itself rather than as a transaction resource: a suspended transaction takes its synchronizations
   * with it, so an inner transaction never writes an outer one's events.
   */
  private WriteBeforeCommit pending(TransactionSynchronizationManager tx) {
    for (TransactionSynchronization synchronization : tx.getSynchronizations()) {
      if (synchronization instanceof WriteBeforeCommit queue && queue.owner() == this) {
        return queue;
      }
    }
    WriteBeforeCommit queue = new WriteBeforeCommit();
    tx.registerSynchronization(queue);
    return queue;
  }

  private Mono<Void> insert(List<EventEnvelope> envelopes) {
    int n = envelopes.size();
    UUID[] eventIds = new UUID[n];
    UUID[] tenantIds = new UUID[n];
    String[] aggregateTypes = new String[n];
    UUID[] aggregateIds = new UUID[n];
    String[] types = new String[n];
    String[] topics = new String[n];
    String[] bodies = new String[n];
    Instant[] occurredAt = new Instant[n];
    for (int i = 0; i < n; i++) {
      EventEnvelope e = envelopes.get(i);
      eventIds[i] = e.eventId();
      tenantIds[i] = e.tenantId();
      aggregateTypes[i] = e.aggregateType();
      aggregateIds[i] = e.aggregateId();
      types[i] = e.type();
      topics[i] = e.topic();
      bodies[i] = new String(codec.encode(e), StandardCharsets.UTF_8);
      occurredAt[i] = e.occurredAt();
    }
    // One round trip for any number of events; WITH ORDINALITY keeps their order in the id sequence.
    return db.sql(APPEND)
        .bind("eventIds", eventIds)
        .bind("tenantIds", tenantIds)
        .bind("aggregateTypes", aggregateTypes)
        .bind("aggregateIds", aggregateIds)
        .bind("types", types)
        .bind("topics", topics)
        .bind("bodies", bodies)
        .bind("occurredAt", occurredAt)
        .then();
  }

  /** Writes a transaction's queued events before it commits; wakes the relay after. */
  private final class WriteBeforeCommit implements TransactionSynchronization {

    private final List<EventEnvelope> envelopes = new ArrayList<>();
    private volatile List<EventEnvelope> written = List.of();

    Outbox owner() {
      return Outbox.this;
    }

    /** Appends made concurrently in one transaction (a flatMap) may interleave, but none is lost. */
    synchronized void add(List<EventEnvelope> more) {
      envelopes.addAll(more);
    }

    private synchronized List<EventEnvelope> drain() {
      List<EventEnvelope> all = List.copyOf(envelopes);
      envelopes.clear();
      return all;
    }

    @Override
    public Mono<Void> beforeCommit(boolean readOnly) {
      return Mono.defer(() -> {
        List<EventEnvelope> all = drain();
        written = all;
        return all.isEmpty() ? Mono.empty() : insert(all);
      });
    }

    @Override
    public Mono<Void> afterCommit() {
      return Mono.fromRunnable(() -> {
        wakeup.signal();
        List<EventEnvelope> all = written;
        if (!all.isEmpty()) {
          for (Committed listener : committed) {
            try {
              listener.committed(all);
            } catch (RuntimeException e) {
              log.warn("A listener of committed events failed; its cache may serve a stale entry until its TTL", e);
            }
          }
        }
      });
    }
  }
}
