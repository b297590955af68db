package io.bookpay.platform.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;

/**
 * Applies one polled batch of events. It must be atomic (one database transaction) and idempotent
 * per event id: a batch is retried whole after a failure, and Kafka may deliver an event again.
 */
@FunctionalInterface
public interface EventBatchHandler {

  Mono<Void> apply(List<ConsumedEvent> batch);

  /**
   * The next offset of each partition as the handler's own store has it (written in the
   * transaction of the batch it applied), for the partitions just assigned; the loop starts there
   * instead of at Kafka's committed offset, which may be older or gone (offsets of an idle group
   * expire). Called on the consumer's thread, where blocking is fine. Empty: Kafka's offsets.
   */
  default Map<TopicPartition, Long> storedPositions(Collection<TopicPartition> partitions) {
    return Map.of();
  }
}
