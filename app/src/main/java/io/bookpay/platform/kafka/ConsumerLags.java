package io.bookpay.platform.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * How far this instance's consumers trail their partitions: per group and partition held here,
 * the records between the consumer's position and the partition's end, and the age of the oldest
 * record not yet applied (0 once caught up). Exported as {@code bookpay_consumer_lag_records} and
 * {@code bookpay_consumer_lag_seconds} with tags group, topic, partition; reports read the largest
 * of a group. Written by the consumer threads, read by anyone.
 */
@Component
public class ConsumerLags {

  private static final long NONE = Long.MIN_VALUE;

  private final MeterRegistry meters;
  private final Clock clock;
  private final ConcurrentMap<Key, PartitionLag> partitions = new ConcurrentHashMap<>();

  private record Key(String group, TopicPartition partition) {}

  private static final class PartitionLag {
    volatile long records;
    /** Kafka timestamp (ms) of the oldest record known not to be applied yet, or NONE. */
    volatile long pendingSince = NONE;
    /** pendingSince is the last applied record's time, a lower bound until the next poll tells. */
    volatile boolean estimated;
    volatile List<Meter> gauges = List.of();
  }

  public ConsumerLags(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
  }

  /** The largest lag in seconds over the group's partitions held here; empty when none is. */
  public OptionalDouble lagSeconds(String group) {
    return partitions.entrySet().stream().filter(e -> e.getKey().group().equals(group))
        .mapToDouble(e -> seconds(e.getValue())).max();
  }

  /** The records the group's partitions held here trail by, summed; empty when none is held here. */
  public OptionalLong lagRecords(String group) {
    List<PartitionLag> held = partitions.entrySet().stream().filter(e -> e.getKey().group().equals(group)).map(e -> e.getValue()).toList();
    return held.isEmpty() ? OptionalLong.empty() : OptionalLong.of(held.stream().mapToLong(lag -> Math.max(0, lag.records)).sum());
  }

  void assigned(String group, Collection<TopicPartition> assigned) {
    for (TopicPartition partition : assigned) {
      partitions.computeIfAbsent(new Key(group, partition), key -> {
        PartitionLag lag = new PartitionLag();
        Tags tags = Tags.of("group", group, "topic", partition.topic(), "partition", Integer.toString(partition.partition()));
        lag.gauges = List.of(
            Gauge.builder("bookpay.consumer.lag.records", lag, l -> Math.max(0, l.records)).tags(tags)
                .description("Records between the consumer's position and the end of the partition").register(meters),
            Gauge.builder("bookpay.consumer.lag.seconds", lag, this::seconds).tags(tags).baseUnit("seconds")
                .description("Age of the oldest record of the partition not applied yet; 0 when caught up").register(meters));
        return lag;
      });
    }
  }

  void revoked(String group, Collection<TopicPartition> revoked) {
    for (TopicPartition partition : revoked) {
      PartitionLag lag = partitions.remove(new Key(group, partition));
      if (lag != null) {
        lag.gauges.forEach(meters::remove);
      }
    }
  }

  /** A poll returned records of the partition, the first of them stamped {@code firstTimestamp}. */
  void polled(String group, TopicPartition partition, long firstTimestamp) {
    PartitionLag lag = partitions.get(new Key(group, partition));
    if (lag != null && (lag.pendingSince == NONE || lag.estimated)) {
      lag.pendingSince = firstTimestamp >= 0 ? firstTimestamp : clock.millis();
      lag.estimated = false;
    }
  }

  /**
   * After applying up to a record stamped {@code lastTimestamp} (or -1 when nothing was polled):
   * {@code behind} records remain (empty when the client does not know yet). With none left the
   * partition is caught up; otherwise the next record is at least as old as the last one applied.
   */
  void measured(String group, TopicPartition partition, OptionalLong behind, long lastTimestamp) {
    PartitionLag lag = partitions.get(new Key(group, partition));
    if (lag == null || behind.isEmpty()) {
      return;
    }
    lag.records = behind.getAsLong();
    if (lag.records == 0) {
      lag.pendingSince = NONE;
    } else if (lastTimestamp >= 0) {
      lag.pendingSince = lastTimestamp;
      lag.estimated = true;
    }
  }

  private double seconds(PartitionLag lag) {
    long since = lag.pendingSince;
    return since == NONE ? 0 : Math.max(0, clock.millis() - since) / 1000.0;
  }
}
