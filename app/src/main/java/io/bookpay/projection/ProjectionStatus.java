package io.bookpay.projection;

import io.bookpay.platform.kafka.ConsumerLags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** How current a projection is: the newest event it applied ({@code asOf}) and how far it trails ({@code lagSeconds}). */
@Service
public class ProjectionStatus {

  /** {@code asOf} is null before the projection applied anything. */
  public record Freshness(Instant asOf, long lagSeconds) {}

  private final ProjectionStore store;
  private final ConsumerLags lags;
  private final Clock clock;

  ProjectionStatus(ProjectionStore store, ConsumerLags lags, Clock clock) {
    this.store = store;
    this.lags = lags;
    this.clock = clock;
  }

  /**
   * The newest occurredAt the consumer applied, and its lag: the age of the oldest event not yet
   * applied, as this instance's consumer of the group measures it over the partitions it holds (0
   * when caught up). An instance that holds no partition of the group cannot measure it and
   * answers the time since {@code asOf}, an upper bound.
   */
  public Mono<Freshness> freshness(String consumer) {
    return store.newestApplied(consumer).map(Optional::of).defaultIfEmpty(Optional.empty())
        .map(asOf -> new Freshness(asOf.orElse(null), lagSeconds(consumer, asOf)));
  }

  private long lagSeconds(String consumer, Optional<Instant> asOf) {
    OptionalDouble local = lags.lagSeconds(consumer);
    if (local.isPresent()) {
      return (long) Math.ceil(local.getAsDouble());
    }
    return asOf.map(at -> Math.max(0, Duration.between(at, clock.instant()).toSeconds())).orElse(0L);
  }
}
