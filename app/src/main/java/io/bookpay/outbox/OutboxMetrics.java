package io.bookpay.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gauges of the backlog: {@code bookpay_outbox_pending} (rows not yet published) and
 * {@code bookpay_outbox_oldest_age_seconds} (age of the oldest of them; 0 when none). Sampled
 * periodically rather than on scrape, so a scrape never waits on the database.
 */
@Component
class OutboxMetrics implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

  private final DatabaseClient db;
  private final Clock clock;
  private final Duration interval;
  private volatile long pending;
  private volatile Instant oldest;
  private volatile Disposable sampling;

  OutboxMetrics(DatabaseClient db, Clock clock, OutboxProperties properties, MeterRegistry meters) {
    this.db = db;
    this.clock = clock;
    this.interval = properties.metricsInterval();
    Gauge.builder("bookpay.outbox.pending", this, m -> m.pending)
        .description("Outbox rows not yet published to Kafka").register(meters);
    Gauge.builder("bookpay.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds)
        .baseUnit("seconds")
        .description("Age of the oldest unpublished outbox row").register(meters);
  }

  private double oldestAgeSeconds() {
    Instant at = oldest;
    return at == null ? 0 : Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
  }

  /** Served by the partial index on unpublished rows. */
  Mono<Void> sample() {
    return db.sql("SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE published_at IS NULL")
        .map(row -> {
          pending = row.get("pending", Long.class);
          oldest = row.get("oldest", Instant.class);
          return true;
        })
        .one()
        .then();
  }

  @Override
  public void start() {
    sampling =
        Flux.interval(Duration.ZERO, interval)
            .onBackpressureDrop()
            .concatMap(tick -> sample().onErrorResume(e -> {
              log.debug("Outbox metrics sample failed", e);
              return Mono.empty();
            }))
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable running = sampling;
    if (running != null) {
      running.dispose();
      sampling = null;
    }
  }

  @Override
  public boolean isRunning() {
    return sampling != null;
  }
}
