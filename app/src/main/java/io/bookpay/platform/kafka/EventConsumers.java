package io.bookpay.platform.kafka;

import io.bookpay.events.EventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import org.springframework.stereotype.Component;

/** Makes {@link EventConsumerLoop}s with the shared Kafka clients, codec, lag gauges and clock. */
@Component
public record EventConsumers(
    KafkaClients clients, TopicProvisioner provisioner, EventCodec codec, ConsumerLags lags, Clock clock, MeterRegistry meters) {

  /** A member of consumer group {@code group} (under the install's prefix) reading {@code topics} into {@code handler}. */
  public EventConsumerLoop loop(String group, Collection<String> topics, EventBatchHandler handler) {
    return new EventConsumerLoop(group, topics, handler, this);
  }
}
