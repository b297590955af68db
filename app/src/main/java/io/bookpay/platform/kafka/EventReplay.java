package io.bookpay.platform.kafka;

import io.bookpay.events.EventCodec;
import io.bookpay.events.MalformedEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of some topics from their first record, outside any consumer group: it is
 * assigned the partitions itself and never commits an offset, so the live group of the same
 * consumer goes on undisturbed. For a projection rebuild. Not thread-safe: one thread owns it
 * (blocking calls; never on an event loop).
 */
public final class EventReplay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventReplay.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> kafka;
  private final EventCodec codec;
  private final List<TopicPartition> partitions;

  private EventReplay(KafkaConsumer<String, byte[]> kafka, EventCodec codec, List<TopicPartition> partitions) {
    this.kafka = kafka;
    this.codec = codec;
    this.partitions = partitions;
  }

  /**
   * A reader of every partition of {@code topics} ({@link io.bookpay.events.Topics} constants, put
   * under the install's prefix here), returning up to {@code batchSize} records a poll. Nothing is
   * read until {@link #fromBeginning()}.
   */
  public static EventReplay open(EventConsumers support, String name, Collection<String> topics, int batchSize) {
    TopicNames names = support.provisioner().names();
    Properties config = support.clients().consumerConfig(names.groupId(name));
    // No group membership and no commits: assign() below, offsets kept only in this reader.
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : names.topics(topics)) {
        kafka.partitionsFor(topic, TIMEOUT).forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
      }
      kafka.assign(partitions);
      return new EventReplay(kafka, support.codec(), List.copyOf(partitions));
    } catch (RuntimeException e) {
      kafka.close(Duration.ofSeconds(5));
      throw e;
    }
  }

  public List<TopicPartition> partitions() {
    return partitions;
  }

  /** The first offset each partition still has: 0 unless records were deleted (retention, deleteRecords). */
  public Map<TopicPartition, Long> beginningOffsets() {
    return kafka.beginningOffsets(partitions, TIMEOUT);
  }

  /** The offset after each partition's last readable (committed) record, now. */
  public Map<TopicPartition, Long> endOffsets() {
    return kafka.endOffsets(partitions, TIMEOUT);
  }

  public void fromBeginning() {
    kafka.seekToBeginning(partitions);
  }

  /** The offset of the next record this reader will return, per partition. */
  public Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> positions = new HashMap<>();
    partitions.forEach(p -> positions.put(p, kafka.position(p, TIMEOUT)));
    return positions;
  }

  /**
   * The next records, decoded; an unreadable one is skipped and logged, as the live consumer does.
   * Empty when nothing came within {@code wait}.
   */
  public List<ConsumedEvent> poll(Duration wait) {
    ConsumerRecords<String, byte[]> records = kafka.poll(wait);
    List<ConsumedEvent> batch = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        batch.add(new ConsumedEvent(codec.decode(record.value()), record.topic(), record.partition(), record.offset()));
      } catch (MalformedEventException | NullPointerException e) {
        log.warn("Replay skips unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      }
    }
    return batch;
  }

  /** Makes a blocked {@link #poll} return at once (from another thread). */
  public void wakeup() {
    kafka.wakeup();
  }

  @Override
  public void close() {
    kafka.close(Duration.ofSeconds(5));
  }
}
