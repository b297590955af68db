package io.bookpay.projection;

import io.bookpay.platform.kafka.ConsumedEvent;
import io.bookpay.platform.kafka.EventReplay;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild, on a thread of its own (Kafka's consumer blocks): make the fresh tables, replay every
 * partition from its first event up to its end offset into them through the projection's usual
 * applier, build the read indexes, then switch. The live consumer keeps applying meanwhile; when the
 * switch finds it further on than the rebuild on some partition, the rebuild reads up to there and
 * tries again, so no event the live tables had is missing after the switch. Whatever fails marks
 * the rebuild FAILED and drops its tables; the live ones are untouched until the switch commits.
 */
final class RebuildRun {

  private static final Logger log = LoggerFactory.getLogger(RebuildRun.class);
  private static final Duration APPLY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STALL = Duration.ofMinutes(2);
  private static final int SWITCH_ATTEMPTS = 20;

  private final UUID id;
  private final String consumer;
  private final List<String> seeded;
  private final EventReplay replay;
  private final Connection lock;
  private final ProjectionRebuilds support;
  private final RebuildSchema schema;
  private final RebuildRepository rebuilds;
  private final AtomicLong events = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopping;
  private volatile String phase = "PREPARING";
  private long lastReport;

  RebuildRun(UUID id, Projection projection, EventReplay replay, Connection lock, ProjectionRebuilds support) {
    this.id = id;
    this.consumer = projection.consumer();
    this.seeded = projection.seededFromLive();
    this.replay = replay;
    this.lock = lock;
    this.support = support;
    this.schema = support.schema();
    this.rebuilds = support.repository();
    this.thread = new Thread(this::run, "rebuild-" + consumer);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() {
    stopping = true;
    replay.wakeup();
    try {
      thread.join(15_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long started = System.nanoTime();
    try {
      RebuildSchema.Prepared prepared = schema.prepare(consumer, seeded).block(Duration.ofMinutes(2));
      ProjectionApplier applier = support.projections().applier(consumer, new ProjectionApplier.BatchScope() {
        @Override
        public reactor.core.publisher.Mono<Void> begin() {
          return schema.useCopies(consumer);
        }

        @Override
        public void committed(Set<UUID> tenants, int count, int parked) {
          events.addAndGet(count);
        }
      });
      report("REPLAYING", true);
      replay.fromBeginning();
      Map<TopicPartition, Long> targets = replay.endOffsets();
      for (int attempt = 1; ; attempt++) {
        readUpTo(targets, applier);
        if (!prepared.deferredIndexes().isEmpty()) {
          report("SWITCHING", true);
          long indexing = System.nanoTime();
          schema.createDeferred(prepared).block(Duration.ofMinutes(30));
          log.info("Rebuild {} of {}: {} read index(es) built in {} ms", id, consumer, prepared.deferredIndexes().size(),
              (System.nanoTime() - indexing) / 1_000_000);
          prepared = new RebuildSchema.Prepared(List.of());
        }
        report("SWITCHING", true);
        long switching = System.nanoTime();
        try {
          schema.switchOver(consumer, id, events.get(), support.projections().store()).block(Duration.ofMinutes(30));
          log.info("Rebuild {} of {}: replayed {} events in {} ms, switch took {} ms", id, consumer, events.get(),
              (switching - started) / 1_000_000, (System.nanoTime() - switching) / 1_000_000);
          break;
        } catch (RebuildSchema.BehindLive behind) {
          if (attempt >= SWITCH_ATTEMPTS) {
            throw new IllegalStateException("could not catch up with the live consumer in " + SWITCH_ATTEMPTS + " attempts");
          }
          Map<TopicPartition, Long> next = new HashMap<>(replay.endOffsets());
          behind.targets.forEach((partition, offset) -> next.merge(partition, offset, Math::max));
          targets = next;
          report("REPLAYING", true);
        }
      }
      support.projections().rebuilt(consumer);
      log.info("Rebuild {} of {} switched: {} events in {} ms", id, consumer, events.get(), (System.nanoTime() - started) / 1_000_000);
      dropLeftovers();
    } catch (Throwable e) {
      String reason = stopping ? "Stopped: the application shut down before the rebuild finished." : ApplyFailures.describe(e);
      log.error("Rebuild {} of {} failed after {} event(s): {}", id, consumer, events.get(), reason, e);
      try {
        rebuilds.fail(id, events.get(), reason).block(Duration.ofSeconds(15));
      } catch (RuntimeException failed) {
        log.error("Could not mark rebuild {} failed; the next rebuild or start will", id, failed);
      }
      dropLeftovers();
    } finally {
      replay.close();
      ProjectionRebuilds.release(lock);
      support.finished(consumer);
    }
  }

  /**
   * Reads and applies until every partition's position reaches its target. The next batch is read
   * and decoded while the database applies the previous one; batches still apply one after the
   * other, in order.
   */
  private void readUpTo(Map<TopicPartition, Long> targets, ProjectionApplier applier) {
    long lastProgress = System.nanoTime();
    CompletableFuture<Void> inFlight = null;
    while (behind(targets)) {
      if (stopping) {
        throw new IllegalStateException("stopped");
      }
      List<ConsumedEvent> batch;
      try {
        batch = replay.poll(Duration.ofMillis(500));
      } catch (WakeupException e) {
        throw new IllegalStateException("stopped", e);
      }
      if (!batch.isEmpty()) {
        await(inFlight);
        long applying = System.nanoTime();
        inFlight = applier.apply(batch).toFuture().thenRun(() -> {
          if (log.isDebugEnabled()) {
            log.debug("Rebuild {} of {}: {} event(s) applied in {} ms", id, consumer, batch.size(), (System.nanoTime() - applying) / 1_000_000);
          }
        });
        lastProgress = System.nanoTime();
        report(phase, false);
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        throw new IllegalStateException("no event could be read for " + STALL.toSeconds() + " s while the topics had more");
      }
    }
    await(inFlight);
  }

  private static void await(CompletableFuture<Void> inFlight) {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a batch took longer than " + APPLY_TIMEOUT.toSeconds() + " s to apply", e);
    }
  }

  private boolean behind(Map<TopicPartition, Long> targets) {
    Map<TopicPartition, Long> positions = replay.positions();
    return targets.entrySet().stream().anyMatch(t -> positions.getOrDefault(t.getKey(), 0L) < t.getValue());
  }

  /** Writes the phase and the count to the rebuild's row: at once for a new phase, else at most once a second. */
  private void report(String newPhase, boolean now) {
    long at = System.nanoTime();
    if (!now && at - lastReport < 1_000_000_000L) {
      return;
    }
    phase = newPhase;
    lastReport = at;
    rebuilds.progress(id, newPhase, events.get()).block(Duration.ofSeconds(15));
  }

  private void dropLeftovers() {
    try {
      schema.dropLeftovers(consumer).block(Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      log.warn("Could not drop the tables rebuild {} left; the next rebuild or start drops them", id, e);
    }
  }
}
