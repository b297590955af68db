package io.bookpay.booking;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expires lapsed holds, with their history and BookingHoldExpired events, in batches. Every instance
 * runs one; {@code FOR UPDATE SKIP LOCKED} keeps them off each other's rows. Holds in the way of a
 * new booking are expired on the insert path already, so this only tidies the rest.
 */
@Component
class HoldSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);
  static final String ACTOR = "system:hold-sweeper";

  private final BookingRepository bookings;
  private final BookingService service;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final BookingProperties properties;
  private volatile Disposable sweeping;

  HoldSweeper(BookingRepository bookings, BookingService service, TransactionalOperator tx, Clock clock, BookingProperties properties) {
    this.bookings = bookings;
    this.service = service;
    this.tx = tx;
    this.clock = clock;
    this.properties = properties;
  }

  /** Expires one batch; emits how many holds it expired. */
  Mono<Integer> sweepOnce() {
    return Mono.defer(() -> {
      var now = clock.instant();
      return bookings.expireLapsedHolds(now, properties.sweepBatchSize()).collectList()
          .flatMap(expired -> service.recordExpiry(expired, ACTOR, now).thenReturn(expired.size()))
          .as(tx::transactional);
    });
  }

  @Override
  public void start() {
    sweeping = Flux.interval(properties.sweepInterval())
        .onBackpressureDrop()
        .concatMap(tick -> sweepOnce()
            .expand(n -> n >= properties.sweepBatchSize() ? sweepOnce() : Mono.empty())
            .onErrorResume(e -> {
              log.warn("Hold sweep failed; next attempt in {}", properties.sweepInterval(), e);
              return Mono.empty();
            }))
        .subscribe();
  }

  @Override
  public void stop() {
    Disposable running = sweeping;
    if (running != null) {
      running.dispose();
      sweeping = null;
    }
  }

  @Override
  public boolean isRunning() {
    return sweeping != null;
  }
}
