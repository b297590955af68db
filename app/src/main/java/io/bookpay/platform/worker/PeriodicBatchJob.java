package io.bookpay.platform.worker;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A job that runs one batch every {@code interval} and, while batches come back full, the next one
 * at once. A failed round is logged and the next tick tries again; ticks that come while a round
 * runs are dropped. Started and stopped with the application; every instance runs its own, so a
 * batch must be safe to run concurrently (e.g. {@code FOR UPDATE SKIP LOCKED}).
 */
public abstract class PeriodicBatchJob implements SmartLifecycle {

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final Duration interval;
  private final int batchSize;
  private volatile Disposable running;

  protected PeriodicBatchJob(String name, Duration interval, int batchSize) {
    this.name = name;
    this.interval = interval;
    this.batchSize = batchSize;
  }

  /** Runs one batch of at most {@code batchSize}; emits how many rows it handled. */
  protected abstract Mono<Integer> runBatch(int batchSize);

  @Override
  public void start() {
    running = Flux.interval(interval)
        .onBackpressureDrop()
        .concatMap(tick -> Mono.defer(() -> runBatch(batchSize))
            .expand(n -> n >= batchSize ? Mono.defer(() -> runBatch(batchSize)) : Mono.empty())
            .onErrorResume(e -> {
              log.warn("{} failed; next attempt in {}", name, interval, e);
              return Mono.empty();
            }))
        .subscribe();
  }

  @Override
  public void stop() {
    Disposable current = running;
    if (current != null) {
      current.dispose();
      running = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
