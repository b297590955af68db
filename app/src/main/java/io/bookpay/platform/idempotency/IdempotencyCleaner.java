package io.bookpay.platform.idempotency;

import io.bookpay.platform.worker.PeriodicBatchJob;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Deletes expired idempotency keys once a minute, a bounded chunk at a time, on every instance. */
@Component
class IdempotencyCleaner extends PeriodicBatchJob {

  private final IdempotencyStore store;
  private final Clock clock;

  IdempotencyCleaner(IdempotencyStore store, Clock clock) {
    super("Deleting expired idempotency keys", Duration.ofMinutes(1), 1000);
    this.store = store;
    this.clock = clock;
  }

  @Override
  protected Mono<Integer> runBatch(int batchSize) {
    return store.deleteExpired(clock.instant(), batchSize).map(Long::intValue);
  }
}
