package io.bookpay.projection;

import io.bookpay.platform.worker.PeriodicBatchJob;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes processed-event ids older than the retention (see {@link ProjectionProperties}), a
 * small batch per statement so no long transaction or lock builds up, on every instance; and
 * refreshes the dead-letter gauge on the same schedule.
 */
@Component
class ProcessedEventsPruner extends PeriodicBatchJob {

  private final ProjectionStore store;
  private final Projections projections;
  private final ProjectionProperties properties;
  private final Clock clock;

  ProcessedEventsPruner(ProjectionStore store, Projections projections, ProjectionProperties properties, Clock clock) {
    super("Pruning processed_events", properties.pruneInterval(), properties.pruneBatchSize());
    this.store = store;
    this.projections = projections;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  protected Mono<Integer> runBatch(int batchSize) {
    return projections.refreshDeadLetterCounts()
        .then(store.pruneProcessed(clock.instant().minus(properties.processedEventsRetention()), batchSize))
        .map(Long::intValue);
  }
}
