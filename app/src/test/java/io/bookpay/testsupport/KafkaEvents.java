package io.bookpay.testsupport;

import static org.awaitility.Awaitility.await;

import io.bookpay.events.CloudEventHeaders;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes event envelopes straight to the run's topics, as the relay would (key = aggregate id,
 * CloudEvents headers), so a test controls every field, occurredAt above all; and waits until a
 * consumer has applied (or parked) them.
 */
public final class KafkaEvents implements AutoCloseable {

  private final EventCodec codec = new EventCodec();
  private final KafkaProducer<String, byte[]> producer;

  public KafkaEvents() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends one event under its aggregate's key and returns where it landed. */
  public RecordMetadata send(EventEnvelope event) {
    return send(event, event.aggregateId().toString());
  }

  public RecordMetadata send(EventEnvelope event, String key) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), key, codec.encode(event));
    CloudEventHeaders.of(event).forEach((name, value) -> record.headers().add(name, value));
    try {
      return producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  public List<RecordMetadata> sendAll(Collection<EventEnvelope> events) {
    List<RecordMetadata> sent = new ArrayList<>();
    events.forEach(e -> sent.add(send(e)));
    return sent;
  }

  /** Waits until the consumer has applied or parked every one of the events. */
  public static void awaitApplied(Sql sql, String consumer, Collection<UUID> eventIds) {
    UUID[] ids = eventIds.toArray(UUID[]::new);
    await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
        "SELECT count(*) FROM unnest(?::uuid[]) AS t(id) WHERE EXISTS (SELECT 1 FROM processed_events p WHERE p.consumer = ? AND p.event_id = t.id)"
            + " OR EXISTS (SELECT 1 FROM projection_dead_letters d WHERE d.consumer = ? AND d.event_id = t.id)",
        sqlArray(ids), consumer, consumer) == ids.length);
  }

  /**
   * Waits until the consumer's stored position is past every sent record: all of them were read and
   * applied (or found to be repeats) and committed.
   */
  public static void awaitPast(Sql sql, String consumer, Collection<RecordMetadata> sent) {
    for (RecordMetadata record : sent) {
      await().atMost(Duration.ofSeconds(30)).until(() -> sql.count("SELECT coalesce(max(next_offset), -1) FROM projection_positions"
          + " WHERE consumer = ? AND topic = ? AND kafka_partition = ?", consumer, record.topic(), record.partition()) > record.offset());
    }
  }

  private static String sqlArray(UUID[] ids) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < ids.length; i++) {
      out.append(i == 0 ? "" : ",").append(ids[i]);
    }
    return out.append('}').toString();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
