package io.bookpay.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes expired idempotency keys once a minute, a bounded chunk at a time, on every instance. */
@Component
class IdempotencyCleaner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyCleaner.class);
  private static final int CHUNK = 1000;

  private final IdempotencyStore store;
  private final Clock clock;
  private volatile Disposable cleaning;

  IdempotencyCleaner(IdempotencyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void start() {
    cleaning = Flux.interval(Duration.ofMinutes(1))
        .onBackpressureDrop()
        .concatMap(tick -> Mono.defer(() -> store.deleteExpired(clock.instant(), CHUNK))
            .expand(n -> n >= CHUNK ? Mono.defer(() -> store.deleteExpired(clock.instant(), CHUNK)) : Mono.empty())
            .onErrorResume(e -> {
              log.warn("Deleting expired idempotency keys failed; next attempt in a minute", e);
              return Mono.empty();
            }))
        .subscribe();
  }

  @Override
  public void stop() {
    Disposable running = cleaning;
    if (running != null) {
      running.dispose();
      cleaning = null;
    }
  }

  @Override
  public boolean isRunning() {
    return cleaning != null;
  }
}
