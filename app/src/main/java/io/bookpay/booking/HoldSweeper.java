package io.bookpay.booking;

import io.bookpay.platform.worker.PeriodicBatchJob;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Expires lapsed holds, with their history and BookingHoldExpired events, in batches. Every instance
 * runs one; {@code FOR UPDATE SKIP LOCKED} keeps them off each other's rows. Holds in the way of a
 * new booking are expired on the insert path already, so this only tidies the rest.
 */
@Component
class HoldSweeper extends PeriodicBatchJob {

  static final String ACTOR = "system:hold-sweeper";

  private final BookingRepository bookings;
  private final BookingService service;
  private final TransactionalOperator tx;
  private final Clock clock;

  HoldSweeper(BookingRepository bookings, BookingService service, TransactionalOperator tx, Clock clock, BookingProperties properties) {
    super("Hold sweep", properties.sweepInterval(), properties.sweepBatchSize());
    this.bookings = bookings;
    this.service = service;
    this.tx = tx;
    this.clock = clock;
  }

  /** Expires one batch; emits how many holds it expired. */
  @Override
  protected Mono<Integer> runBatch(int batchSize) {
    return Mono.defer(() -> {
      var now = clock.instant();
      return bookings.expireLapsedHolds(now, batchSize).collectList()
          .flatMap(expired -> service.recordExpiry(expired, ACTOR, now).thenReturn(expired.size()))
          .as(tx::transactional);
    });
  }
}
