package io.bookpay.platform.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

/** Builds Kafka clients with Bookpay's settings. Keys are aggregate ids as strings; values are JSON bytes. */
@Component
public class KafkaClients {

  private final KafkaProperties properties;

  public KafkaClients(KafkaProperties properties) {
    this.properties = properties;
  }

  /**
   * An idempotent producer with {@code acks=all}: a retry inside the client never duplicates or
   * reorders a record within a partition. {@code max.block.ms} bounds how long {@code send} waits
   * for metadata when the broker is away.
   */
  public KafkaProducer<String, byte[]> producer(String name) {
    return new KafkaProducer<>(producerConfig(name), new StringSerializer(), new ByteArraySerializer());
  }

  Properties producerConfig(String name) {
    Properties props = common(name);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    return props;
  }

  /** A consumer of a group that commits offsets itself, after its database commit. */
  public KafkaConsumer<String, byte[]> consumer(String groupId) {
    return new KafkaConsumer<>(consumerConfig(groupId), new StringDeserializer(), new ByteArrayDeserializer());
  }

  Properties consumerConfig(String groupId) {
    Properties props = common(groupId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return props;
  }

  /**
   * A consumer that commits nothing and starts a partition it has no offset for at its end: for a
   * group of one instance that wants only what happens from now on (cache invalidation).
   */
  public KafkaConsumer<String, byte[]> consumerFromLatest(String groupId) {
    Properties props = consumerConfig(groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  public Admin admin() {
    return Admin.create(adminConfig());
  }

  Properties adminConfig() {
    Properties props = common("admin");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return props;
  }

  /**
   * What every client shares: the operator's pass-through settings (security above all), then
   * Bookpay's own, which the role-specific settings complete; those win over a pass-through key.
   */
  private Properties common(String role) {
    Properties props = new Properties();
    props.putAll(properties.properties());
    props.putAll(Map.of(
        "bootstrap.servers", properties.bootstrapServers(),
        "client.id", properties.clientId() + "-" + role,
        "reconnect.backoff.max.ms", 5_000));
    return props;
  }
}
