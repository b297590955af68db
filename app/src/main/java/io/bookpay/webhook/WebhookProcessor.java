package io.bookpay.webhook;

import io.bookpay.payment.NotYetKnown;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Applies stored webhook events. Each event is handled in its own transaction that first locks its
 * inbox row (SKIP LOCKED, so instances never process one event twice) and ends by marking it
 * PROCESSED or IGNORED: the change, its outgoing events and the mark commit together, or none does.
 * An event that fails (its payment is not known yet, the database refused) is tried again after a
 * doubling delay, and parked as FAILED after {@code maxAttempts} tries.
 */
@Component
class WebhookProcessor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

  private final WebhookInbox inbox;
  private final StripeEventHandler stripe;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final WebhookProperties properties;
  private final MeterRegistry meters;
  private final Sinks.Many<Boolean> wakeups = Sinks.many().unicast().onBackpressureBuffer();
  private final AtomicLong pending = new AtomicLong();
  private volatile Disposable running;

  WebhookProcessor(WebhookInbox inbox, StripeEventHandler stripe, TransactionalOperator tx, Clock clock, WebhookProperties properties,
      MeterRegistry meters) {
    this.inbox = inbox;
    this.stripe = stripe;
    this.tx = tx;
    this.clock = clock;
    this.properties = properties;
    this.meters = meters;
    Gauge.builder("bookpay.webhooks.pending", pending, AtomicLong::get)
        .description("Stored webhook events not yet processed (counted every poll interval)").register(meters);
  }

  /** Asks for a round now rather than at the next poll. */
  void wake() {
    wakeups.tryEmitNext(Boolean.TRUE);
  }

  @Override
  public void start() {
    Disposable processing = Flux.merge(Flux.interval(properties.pollInterval()).map(tick -> Boolean.TRUE), wakeups.asFlux())
        .onBackpressureLatest()
        .concatMap(tick -> drain()
            .onErrorResume(e -> {
              log.warn("Webhook processing round failed; next round in {}", properties.pollInterval(), e);
              return Mono.empty();
            }), 1)
        .subscribe();
    // The gauge is counted on its own clock, not after every round: a burst wakes many rounds a second.
    Disposable counting = Flux.interval(properties.pollInterval())
        .onBackpressureDrop()
        .concatMap(tick -> inbox.pending().doOnNext(pending::set).onErrorResume(e -> Mono.empty()))
        .subscribe();
    running = Disposables.composite(processing, counting);
  }

  /** Processes due events batch after batch until fewer than a batch are due. */
  Mono<Void> drain() {
    return round().expand(n -> n >= properties.batchSize() ? round() : Mono.empty()).then();
  }

  private Mono<Integer> round() {
    return Mono.defer(() -> inbox.due(clock.instant(), properties.batchSize()))
        .flatMap(ids -> Flux.fromIterable(ids).flatMap(this::process, properties.concurrency()).then(Mono.just(ids.size())));
  }

  private Mono<Void> process(UUID id) {
    return Mono.defer(() -> inbox.lockPending(id)
            .flatMap(event -> stripe.handle(event)
                .flatMap(outcome -> inbox.finish(id, outcome.status(), outcome.note(), clock.instant())
                    .doOnSuccess(done -> meters.counter("bookpay.webhooks.processed", "result", outcome.status().toLowerCase()).increment())))
            .as(tx::transactional))
        .onErrorResume(e -> failed(id, e));
  }

  private Mono<Void> failed(UUID id, Throwable error) {
    if (!(error instanceof NotYetKnown)) {
      log.warn("Webhook event {} could not be applied; it will be tried again", id, error);
    }
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return retryOrPark(id, message)
        .onErrorResume(e -> {
          log.warn("Could not record the failure of webhook event {}", id, e);
          return Mono.empty();
        });
  }

  private Mono<Void> retryOrPark(UUID id, String message) {
    return inbox.attempts(id).flatMap(attempts -> {
      boolean park = attempts + 1 >= properties.maxAttempts();
      Instant now = clock.instant();
      Instant next = now.plus(backoff(attempts));
      meters.counter("bookpay.webhooks.processed", "result", park ? "failed" : "retry").increment();
      return inbox.failed(id, message, next, park, now);
    });
  }

  /** retryBase × 2^attempts, at most retryMax. */
  Duration backoff(int attempts) {
    Duration delay = properties.retryBase().multipliedBy(1L << Math.min(attempts, 20));
    return delay.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : delay;
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
