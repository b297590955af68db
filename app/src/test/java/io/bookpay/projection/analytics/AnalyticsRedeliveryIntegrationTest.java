package io.bookpay.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.CloudEventHeaders;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Kafka delivers at least once; the analytics projection counts (and keeps) each event id once. */
class AnalyticsRedeliveryIntegrationTest extends IntegrationTest {

  private final String kafka = TestInfrastructure.get().kafkaBootstrapServers();
  private final EventCodec codec = new EventCodec();

  @Test
  void theSameEventDeliveredTwiceIsCountedOnce() throws Exception {
    UUID tenant = UUID.randomUUID();
    EventEnvelope event = envelope(tenant);

    try (KafkaProducer<String, byte[]> producer = producer()) {
      // Twice back to back (likely one poll batch) ...
      send(producer, event);
      send(producer, event);
      awaitConsumerCaughtUp();
      assertThat(countFor(tenant)).isEqualTo(1);

      // ... and once more after it was applied (certainly a later batch).
      send(producer, event);
      awaitConsumerCaughtUp();
      assertThat(countFor(tenant)).isEqualTo(1);
      assertThat(sql.count("SELECT count(*) FROM processed_events WHERE consumer = 'analytics' AND event_id = ?", event.eventId()))
          .isEqualTo(1);
      assertThat(sql.count("SELECT count(*) FROM analytics_events WHERE tenant_id = ?", tenant)).isEqualTo(1);

      // A different event of the same kind still counts: the dedupe is by id, not by content.
      send(producer, envelope(tenant));
      awaitConsumerCaughtUp();
      assertThat(countFor(tenant)).isEqualTo(2);
      assertThat(sql.count("SELECT count(*) FROM analytics_events WHERE tenant_id = ?", tenant)).isEqualTo(2);
    }
  }

  @Test
  void anUnreadableRecordIsSkippedAndTheNextOneCounted() throws Exception {
    UUID tenant = UUID.randomUUID();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(Topics.CUSTOMERS, "garbage", "not an envelope".getBytes())).get();
      send(producer, envelope(tenant));
      awaitConsumerCaughtUp();
    }
    assertThat(countFor(tenant)).isEqualTo(1);
  }

  private EventEnvelope envelope(UUID tenant) {
    UUID customer = UUID.randomUUID();
    return EventEnvelope.wrap(UUID.randomUUID(), tenant, Instant.now(), new CustomerRegistered(customer, "Twice", null, null));
  }

  private long countFor(UUID tenant) {
    return sql.count("SELECT coalesce(sum(count), 0) FROM analytics_daily WHERE tenant_id = ?", tenant);
  }

  private void send(KafkaProducer<String, byte[]> producer, EventEnvelope event) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.aggregateId().toString(), codec.encode(event));
    CloudEventHeaders.of(event).forEach((name, value) -> record.headers().add(name, value));
    producer.send(record).get();
  }

  private KafkaProducer<String, byte[]> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Waits until the analytics group has committed offsets up to the end of the customers topic. */
  private void awaitConsumerCaughtUp() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    try (Admin admin = Admin.create(props)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets("analytics").partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest =
            admin.describeTopics(java.util.List.of(Topics.CUSTOMERS)).allTopicNames().get().get(Topics.CUSTOMERS).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.CUSTOMERS, p.partition()), p -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        return ends.entrySet().stream().allMatch(e -> {
          OffsetAndMetadata offset = committed.get(e.getKey());
          long end = e.getValue().offset();
          return end == 0 || (offset != null && offset.offset() >= end);
        });
      });
    }
  }
}
