package io.bookpay.platform.kafka;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bootstrapServers {@code BOOKPAY_KAFKA_BOOTSTRAP_SERVERS}
 * @param topicPartitions partitions of each topic Bookpay creates; the read side scales to this many
 *     consumers per group
 * @param topicReplicationFactor 1 for a single broker, 3 in production
 * @param topicRetention how long Kafka keeps events; projections rebuild from what is kept
 * @param topicPrefix starts every topic Bookpay creates, writes or reads and every consumer group
 *     id, so installs sharing a cluster keep apart; the default keeps the topic names of
 *     {@link io.bookpay.events.Topics} as they are
 * @param properties client settings passed as they are to the producer, the consumers and the admin
 *     client, e.g. {@code security.protocol}, {@code sasl.*}, {@code ssl.*} (see README). Bookpay's
 *     own delivery settings (acks, idempotence, offsets) are not overridden by them.
 */
@ConfigurationProperties("bookpay.kafka")
public record KafkaProperties(
    @DefaultValue("127.0.0.1:9092") String bootstrapServers,
    @DefaultValue("bookpay") String clientId,
    @DefaultValue("6") int topicPartitions,
    @DefaultValue("1") short topicReplicationFactor,
    @DefaultValue("30d") Duration topicRetention,
    @DefaultValue("true") boolean consumersEnabled,
    @DefaultValue(io.bookpay.events.Topics.DEFAULT_PREFIX) String topicPrefix,
    Map<String, String> properties) {

  public KafkaProperties {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}
