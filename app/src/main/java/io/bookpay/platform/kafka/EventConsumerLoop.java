package io.bookpay.platform.kafka;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.MalformedEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.bookpay.platform.worker.WorkerThread;

/**
 * One consumer group member on its own thread: poll, apply the batch through the handler (one
 * database transaction), then commit the offsets. Offsets are committed only after the database
 * commit, so a crash in between redelivers the batch and the handler's idempotency absorbs it. A
 * failing batch is retried with backoff from its first offsets; an unreadable record is skipped and
 * counted, so one bad record cannot stall a partition forever.
 */
public class EventConsumerLoop extends WorkerThread {

  private static final Logger log = LoggerFactory.getLogger(EventConsumerLoop.class);
  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

  private final String group;
  private final Collection<String> topics;
  private final EventBatchHandler handler;
  private final KafkaClients clients;
  private final TopicProvisioner provisioner;
  private final EventCodec codec;
  private final Counter malformed;
  private final java.util.concurrent.CountDownLatch stopSignal = new java.util.concurrent.CountDownLatch(1);
  private volatile KafkaConsumer<String, byte[]> consumer;

  public EventConsumerLoop(
      String group,
      Collection<String> topics,
      EventBatchHandler handler,
      KafkaClients clients,
      TopicProvisioner provisioner,
      EventCodec codec,
      MeterRegistry meters) {
    super("consumer-" + group);
    this.group = group;
    this.topics = List.copyOf(topics);
    this.handler = handler;
    this.clients = clients;
    this.provisioner = provisioner;
    this.codec = codec;
    this.malformed = Counter.builder("bookpay.consumer.malformed").tag("group", group)
        .description("Records skipped because they were not Bookpay event envelopes").register(meters);
  }

  /** Leaves the poll through {@code wakeup()} and cuts a retry pause short. */
  @Override
  protected void wake() {
    stopSignal.countDown();
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  @Override
  protected void work() {
    if (!provisioner.awaitReady(this::isRunning)) {
      return;
    }
    TopicNames names = provisioner.names();
    try (KafkaConsumer<String, byte[]> kafka = clients.consumer(names.groupId(group))) {
      consumer = kafka;
      kafka.subscribe(names.topics(topics));
      long backoffMs = 0;
      while (isRunning()) {
        ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        try {
          handler.apply(decode(records)).block(APPLY_TIMEOUT);
          kafka.commitSync(nextOffsets(records));
          backoffMs = 0;
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          backoffMs = Math.min(Math.max(backoffMs * 2, 200), 10_000);
          log.warn("Consumer {} failed to apply {} record(s); retrying in {} ms", group, records.count(), backoffMs, e);
          rewind(kafka, records);
          pause(backoffMs);
        }
      }
    } catch (WakeupException e) {
      // stop() asked us to leave the poll
    } catch (RuntimeException e) {
      log.error("Consumer {} stopped unexpectedly", group, e);
    } finally {
      consumer = null;
    }
  }

  private List<EventEnvelope> decode(ConsumerRecords<String, byte[]> records) {
    List<EventEnvelope> batch = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        batch.add(codec.decode(record.value()));
      } catch (MalformedEventException | NullPointerException e) {
        malformed.increment();
        log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      }
    }
    return batch;
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> list = records.records(partition);
      offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      kafka.seek(partition, records.records(partition).get(0).offset());
    }
  }

  /** Waits before a retry; returns early when stopping. */
  private void pause(long millis) {
    try {
      stopSignal.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
