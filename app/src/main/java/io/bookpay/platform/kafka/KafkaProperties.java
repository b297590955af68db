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
 * @param topicRetention how long Kafka keeps events; a projection rebuild replays the topics from their
 *     first event, so by default ({@code -1}, any negative value) they keep every event for ever. The
 *     provisioner gives this value to new topics and brings existing topics to it at startup.
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
    @DefaultValue("-1") Duration topicRetention,
    @DefaultValue("true") boolean consumersEnabled,
    @DefaultValue(io.bookpay.events.Topics.DEFAULT_PREFIX) String topicPrefix,
    Map<String, String> properties) {

  public KafkaProperties {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    if (topicRetention.isZero()) {
      throw new IllegalArgumentException("bookpay.kafka.topic-retention must be positive, or -1 to keep events for ever");
    }
  }

  /** Kafka's {@code retention.ms}: -1 (no time limit) for a negative retention. */
  public long topicRetentionMs() {
    return topicRetention.isNegative() ? -1 : topicRetention.toMillis();
  }
}
