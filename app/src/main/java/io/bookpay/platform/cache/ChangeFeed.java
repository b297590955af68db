package io.bookpay.platform.cache;

import io.bookpay.events.CloudEventHeaders;
import io.bookpay.platform.kafka.KafkaClients;
import io.bookpay.platform.kafka.TopicNames;
import io.bookpay.platform.kafka.TopicProvisioner;
import io.bookpay.platform.worker.WorkerThread;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells this instance's caches of every change committed anywhere, from the changes' own events:
 * one consumer per instance, in a group of its own ({@code cache-invalidation.<random>} under the
 * install's prefix) so every instance sees every event, starting at the topics' end (only changes
 * from now on matter) and committing nothing. Each record names its tenant in a CloudEvents header;
 * the listeners of its topic forget that tenant's entries.
 *
 * <p>A cache may keep entries longer only while the feed is <em>live</em>: assigned its partitions,
 * with a position taken, and proven every {@code check-interval} to reach the broker and to have read
 * up to where the topics ended one check earlier. Each time it stops being live (a rebalance, the
 * broker away, a stall) it may have missed events (a new assignment starts at the end), so it tells
 * every listener to forget everything and starts a new {@link #epoch()}; an entry is kept long only
 * when its load began and ended in one live epoch. This is not a projection: {@code
 * bookpay.kafka.consumers-enabled} leaves it on; {@code bookpay.cache-invalidation.enabled} switches it off.
 */
@Component
public class ChangeFeed extends WorkerThread {

  /** What a cache does with the feed. Called on the feed's thread: must be quick and not block. */
  public interface Listener {

    /** Something of the tenant changed (or may have). */
    void changed(UUID tenantId);

    /** Events may have been missed: forget everything. */
    void missed();
  }

  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  private final KafkaClients clients;
  private final TopicProvisioner provisioner;
  private final ChangeFeedProperties properties;
  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final String group = "cache-invalidation." + UUID.randomUUID();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean assigned;
  private volatile long liveUntil = System.nanoTime();
  private volatile long epoch;
  private long backoffMs; // the feed's thread only

  ChangeFeed(KafkaClients clients, TopicProvisioner provisioner, ChangeFeedProperties properties, MeterRegistry meters) {
    super("cache-invalidation");
    this.clients = clients;
    this.provisioner = provisioner;
    this.properties = properties;
    Gauge.builder("bookpay.cache.invalidation.live", this, feed -> feed.isLive() ? 1 : 0)
        .description("1 while the cache invalidation feed is connected, assigned and caught up; caches keep entries long only then")
        .register(meters);
  }

  /** Sends {@code topic}'s changes (a {@link io.bookpay.events.Topics} constant) to the listener; before the application starts. */
  public void register(String topic, Listener listener) {
    listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
  }

  /** True while every change committed from now on will reach the listeners (see the class comment). */
  public boolean isLive() {
    return assigned && System.nanoTime() - liveUntil < 0;
  }

  /** The current live epoch, or -1 when not live: a value read before a load and again after it, equal and not -1, saw no gap. */
  public long epoch() {
    long current = epoch;
    return isLive() ? current : -1;
  }

  /** This instance's group id, without the install's prefix. */
  public String group() {
    return group;
  }

  @Override
  public boolean isAutoStartup() {
    return properties.enabled();
  }

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
    if (listeners.isEmpty() || !provisioner.awaitReady(this::isRunning)) {
      return;
    }
    while (isRunning()) {
      try {
        consume(provisioner.names());
      } catch (WakeupException e) {
        return; // stop() asked us to leave the poll
      } catch (RuntimeException e) {
        backoffMs = Math.min(Math.max(backoffMs * 2, 500), 10_000);
        log.warn("Cache invalidation feed failed; caches keep entries only for their short TTL; restarting in {} ms", backoffMs, e);
      } finally {
        consumer = null;
        assigned = false;
        lose();
      }
      pause(backoffMs);
    }
  }

  private void consume(TopicNames names) {
    Map<String, String> topicOfName = new HashMap<>();
    listeners.keySet().forEach(topic -> topicOfName.put(names.topic(topic), topic));
    try (KafkaConsumer<String, byte[]> kafka = clients.consumerFromLatest(names.groupId(group))) {
      consumer = kafka;
      if (!isRunning()) {
        return;
      }
      Check check = new Check(kafka);
      kafka.subscribe(topicOfName.keySet(), check);
      while (isRunning()) {
        ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
        dispatch(records, topicOfName);
        check.run();
      }
    }
  }

  /** Each topic's tenants once per batch; a record without a readable tenant makes its topic's listeners forget all. */
  private void dispatch(ConsumerRecords<String, byte[]> records, Map<String, String> topicOfName) {
    if (records.isEmpty()) {
      return;
    }
    Map<String, Set<UUID>> tenants = new HashMap<>();
    Set<String> unreadable = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      String topic = topicOfName.get(record.topic());
      UUID tenant = tenantOf(record);
      if (tenant == null) {
        unreadable.add(topic);
      } else {
        tenants.computeIfAbsent(topic, t -> new HashSet<>()).add(tenant);
      }
    }
    tenants.forEach((topic, ids) -> listeners.getOrDefault(topic, List.of()).forEach(l -> ids.forEach(l::changed)));
    unreadable.forEach(topic -> listeners.getOrDefault(topic, List.of()).forEach(Listener::missed));
  }

  private static UUID tenantOf(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(CloudEventHeaders.TENANT_ID);
    if (header == null || header.value() == null) {
      return null;
    }
    try {
      return UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Not live any more, or never was in this epoch: a new epoch, and every listener forgets all. */
  private void lose() {
    epoch++; // only this thread writes it
    listeners.values().forEach(list -> list.forEach(Listener::missed));
  }

  private void pause(long millis) {
    try {
      stopSignal.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Liveness. A (re)assignment starts a new epoch (what was published before the new positions is
   * not ours) and takes the positions at once, so "live" never covers a gap. Then every interval one
   * ListOffsets round trip proves the broker is there, and the positions must have reached the ends
   * seen one check earlier (the feed keeps up); without both, liveness lapses by itself.
   */
  private final class Check implements ConsumerRebalanceListener, Runnable {

    private final KafkaConsumer<String, byte[]> kafka;
    private Map<TopicPartition, Long> previousEnds = Map.of();
    private long lastCheck = System.nanoTime();
    private boolean announced;

    Check(KafkaConsumer<String, byte[]> kafka) {
      this.kafka = kafka;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Set<TopicPartition> assignment = kafka.assignment();
      if (partitions.isEmpty() && assigned) {
        return; // a cooperative rebalance that changed nothing here
      }
      lose();
      Map<TopicPartition, Long> positions = new HashMap<>();
      assignment.forEach(p -> positions.put(p, kafka.position(p, interval())));
      previousEnds = positions;
      lastCheck = System.nanoTime();
      liveUntil = lastCheck + 2 * interval().toNanos();
      assigned = !assignment.isEmpty();
      announced = assigned;
      backoffMs = 0;
      log.info("Cache invalidation feed {} assigned {} partition(s)", group, assignment.size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        assigned = false;
        lose();
        announced = false;
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      assigned = false;
      lose();
      announced = false;
    }

    /** After each poll: a check when one is due; a lapse noticed here makes everyone forget. */
    @Override
    public void run() {
      long now = System.nanoTime();
      Set<TopicPartition> assignment = kafka.assignment();
      if (now - lastCheck >= interval().toNanos() && !assignment.isEmpty()) {
        lastCheck = now;
        try {
          Map<TopicPartition, Long> ends = kafka.endOffsets(assignment, interval());
          boolean keptUp = previousEnds.entrySet().stream()
              .allMatch(e -> !assignment.contains(e.getKey()) || kafka.position(e.getKey(), interval()) >= e.getValue());
          previousEnds = ends;
          if (keptUp) {
            liveUntil = now + 2 * interval().toNanos();
          }
        } catch (TimeoutException e) {
          // No proof this time; liveness lapses by itself if none comes.
        }
      }
      boolean live = isLive();
      if (announced && !live) {
        lose();
      }
      if (!announced && live) {
        log.info("Cache invalidation feed live again");
      }
      announced = live;
    }

    private Duration interval() {
      return properties.checkInterval();
    }
  }
}
