package io.bookpay.platform.kafka;

import io.bookpay.events.EventCodec;
import io.bookpay.events.MalformedEventException;
import io.bookpay.platform.worker.WorkerThread;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer group member on its own thread: poll, apply the batch through the handler (one
 * database transaction), then commit the offsets. Offsets are committed only after the database
 * commit, so a crash in between redelivers the batch and the handler's idempotency absorbs it; on
 * assignment the loop starts where the handler's store says it got to, when it keeps positions. A
 * failing batch is retried with backoff from its first offsets; an unreadable record is skipped and
 * counted, so one bad record cannot stall a partition forever (an event that reads but cannot be
 * applied is the handler's to park). Measures lag per partition ({@link ConsumerLags}) and the apply
 * latency, occurredAt to applied, as a histogram ({@code bookpay_consumer_apply_latency_seconds}).
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
  private final ConsumerLags lags;
  private final Clock clock;
  private final Counter malformed;
  private final Timer applyLatency;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private volatile KafkaConsumer<String, byte[]> consumer;

  EventConsumerLoop(String group, Collection<String> topics, EventBatchHandler handler, EventConsumers support) {
    super("consumer-" + group);
    this.group = group;
    this.topics = List.copyOf(topics);
    this.handler = handler;
    this.clients = support.clients();
    this.provisioner = support.provisioner();
    this.codec = support.codec();
    this.lags = support.lags();
    this.clock = support.clock();
    MeterRegistry meters = support.meters();
    this.malformed = Counter.builder("bookpay.consumer.malformed").tag("group", group)
        .description("Records skipped because they were not Bookpay event envelopes").register(meters);
    this.applyLatency = Timer.builder("bookpay.consumer.apply.latency").tag("group", group)
        .description("From an event's occurredAt to its batch's commit in the projection")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(meters);
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
      kafka.subscribe(names.topics(topics), new Rebalance(kafka));
      long backoffMs = 0;
      while (isRunning()) {
        ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          measureIdle(kafka);
          continue;
        }
        records.partitions().forEach(p -> lags.polled(group, p, records.records(p).get(0).timestamp()));
        try {
          List<ConsumedEvent> batch = decode(records);
          handler.apply(batch).block(APPLY_TIMEOUT);
          kafka.commitSync(nextOffsets(records));
          applied(kafka, records, batch);
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

  private List<ConsumedEvent> decode(ConsumerRecords<String, byte[]> records) {
    List<ConsumedEvent> batch = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        batch.add(new ConsumedEvent(codec.decode(record.value()), record.topic(), record.partition(), record.offset()));
      } catch (MalformedEventException | NullPointerException e) {
        malformed.increment();
        log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      }
    }
    return batch;
  }

  /** After the commit: how long each event took to get here, and what is left per partition. */
  private void applied(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records, List<ConsumedEvent> batch) {
    long now = clock.millis();
    batch.forEach(e -> applyLatency.record(Math.max(0, now - e.event().occurredAt().toEpochMilli()), TimeUnit.MILLISECONDS));
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> list = records.records(partition);
      lags.measured(group, partition, kafka.currentLag(partition), list.get(list.size() - 1).timestamp());
    }
  }

  private void measureIdle(KafkaConsumer<String, byte[]> kafka) {
    for (TopicPartition partition : kafka.assignment()) {
      lags.measured(group, partition, kafka.currentLag(partition), -1);
    }
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

  /** Starts assigned partitions where the handler's store says, and keeps the lag gauges to the partitions held. */
  private final class Rebalance implements ConsumerRebalanceListener {

    private final KafkaConsumer<String, byte[]> kafka;

    Rebalance(KafkaConsumer<String, byte[]> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      lags.assigned(group, partitions);
      if (partitions.isEmpty()) {
        return;
      }
      try {
        handler.storedPositions(partitions).forEach(kafka::seek);
      } catch (RuntimeException e) {
        // Kafka's committed offsets are then the start; the handler's dedupe absorbs what they repeat.
        log.warn("Consumer {} could not read its stored positions; starting from Kafka's committed offsets", group, e);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      lags.revoked(group, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      lags.revoked(group, partitions);
    }
  }
}
