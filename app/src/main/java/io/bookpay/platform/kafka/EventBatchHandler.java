package io.bookpay.platform.kafka;

import io.bookpay.events.EventEnvelope;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Applies one polled batch of events. It must be atomic (one database transaction) and idempotent
 * per event id: a batch is retried whole after a failure, and Kafka may deliver an event again.
 */
@FunctionalInterface
public interface EventBatchHandler {

  Mono<Void> apply(List<EventEnvelope> batch);
}
