package io.bookpay.outbox;

import io.bookpay.events.CloudEventHeaders;
import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.platform.db.DatabaseProperties;
import io.bookpay.platform.db.DedicatedConnections;
import io.bookpay.platform.kafka.KafkaClients;
import io.bookpay.platform.kafka.TopicProvisioner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.bookpay.platform.worker.WorkerThread;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Publishes committed outbox rows to Kafka, in id order, keyed by aggregate id, then stamps them
 * published. One instance per database schema relays (see {@link RelayLeadership}); the others wait
 * to take over. It runs on a thread of its own, since Kafka's producer may block.
 *
 * <p>Rows are selected by {@code published_at IS NULL ORDER BY id}, never by "id greater than the
 * last one": identity values become visible out of order when transactions commit out of order. A
 * failed send leaves its row unpublished, to be sent again after a backoff; delivery is therefore
 * at least once, and consumers drop repeats by event id.
 */
@Component
class OutboxRelay extends WorkerThread {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration DB_TIMEOUT = Duration.ofSeconds(10);

  private final DatabaseClient db;
  private final KafkaClients kafka;
  private final TopicProvisioner topics;
  private final EventCodec codec;
  private final OutboxProperties properties;
  private final Wakeup wakeup;
  private final Clock clock;
  private final RelayLeadership leadership;
  private final Counter published;
  private volatile boolean leader;
  private Instant nextCleanup = Instant.MIN;

  OutboxRelay(
      DatabaseClient db,
      DedicatedConnections connections,
      DatabaseProperties database,
      KafkaClients kafka,
      TopicProvisioner topics,
      EventCodec codec,
      OutboxProperties properties,
      Wakeup wakeup,
      Clock clock,
      MeterRegistry meters) {
    super("outbox-relay");
    this.db = db;
    this.kafka = kafka;
    this.topics = topics;
    this.codec = codec;
    this.properties = properties;
    this.wakeup = wakeup;
    this.clock = clock;
    this.leadership = new RelayLeadership(connections, database.schema());
    this.published = Counter.builder("bookpay.outbox.published").description("Outbox rows published to Kafka").register(meters);
    Gauge.builder("bookpay.outbox.relay.leader", this, relay -> relay.leader ? 1 : 0)
        .description("1 while this instance relays the outbox").register(meters);
  }

  /** Whether this instance currently relays. */
  boolean isLeader() {
    return leader;
  }

  @Override
  public void start() {
    if (properties.relayEnabled()) {
      super.start();
    }
  }

  @Override
  protected void wake() {
    wakeup.signal();
  }

  @Override
  protected void work() {
    if (!topics.awaitReady(this::isRunning) && !isRunning()) {
      return;
    }
    long backoffMs = 0;
    try (KafkaProducer<String, byte[]> producer = kafka.producer("outbox-relay")) {
      while (isRunning()) {
        try {
          leader = leadership.holdOrAcquire();
          if (!leader) {
            wakeup.await(properties.leaderRetryInterval());
            continue;
          }
          int sent = publishBatch(producer);
          cleanUpIfDue();
          backoffMs = 0;
          if (sent < properties.batchSize()) {
            wakeup.await(properties.pollInterval());
          }
        } catch (RuntimeException e) {
          if (!isRunning()) {
            break;
          }
          backoffMs = Math.min(Math.max(backoffMs * 2, 100), properties.maxBackoff().toMillis());
          log.warn("Outbox relay failed ({}); retrying in {} ms", e.toString(), backoffMs);
          wakeup.await(Duration.ofMillis(backoffMs));
        }
      }
    } finally {
      leader = false;
      leadership.release();
    }
  }

  /** Sends one batch; returns how many rows it published. */
  private int publishBatch(KafkaProducer<String, byte[]> producer) {
    List<PendingRow> rows =
        db.sql("SELECT id, envelope::text AS envelope FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit")
            .bind("limit", properties.batchSize())
            .map(row -> new PendingRow(row.get("id", Long.class), row.get("envelope", String.class)))
            .all()
            .collectList()
            .block(DB_TIMEOUT);
    if (rows == null || rows.isEmpty()) {
      return 0;
    }
    List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
    RuntimeException sendFailure = null;
    for (PendingRow row : rows) {
      try {
        sends.add(producer.send(toRecord(row)));
      } catch (RuntimeException e) {
        // Broker unreachable (metadata timeout) or the like: the rest would fail the same way.
        sendFailure = e;
        break;
      }
    }
    producer.flush();
    List<Long> done = new ArrayList<>(sends.size());
    for (int i = 0; i < sends.size(); i++) {
      try {
        sends.get(i).get(30, TimeUnit.SECONDS);
        done.add(rows.get(i).id());
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        sendFailure = sendFailure != null ? sendFailure : new IllegalStateException("send failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sendFailure = new IllegalStateException("interrupted", e);
        break;
      }
    }
    markPublished(done);
    if (sendFailure != null) {
      throw sendFailure;
    }
    return done.size();
  }

  private ProducerRecord<String, byte[]> toRecord(PendingRow row) {
    byte[] value = row.envelope().getBytes(StandardCharsets.UTF_8);
    EventEnvelope envelope = codec.decode(value);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topics.names().topic(envelope.topic()), envelope.aggregateId().toString(), value);
    CloudEventHeaders.of(envelope).forEach((name, bytes) -> record.headers().add(name, bytes));
    return record;
  }

  private void markPublished(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    db.sql("UPDATE outbox SET published_at = :at WHERE id = ANY(:ids)")
        .bind("at", clock.instant())
        .bind("ids", ids.toArray(Long[]::new))
        .fetch()
        .rowsUpdated()
        .block(DB_TIMEOUT);
    published.increment(ids.size());
  }

  /** Deletes published rows past their retention, a bounded chunk at a time. */
  private void cleanUpIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextCleanup)) {
      return;
    }
    nextCleanup = now.plus(properties.cleanupInterval());
    Long deleted =
        db.sql(
                """
                DELETE FROM outbox WHERE id IN (
                  SELECT id FROM outbox WHERE published_at < :cutoff ORDER BY published_at LIMIT 10000)
                """)
            .bind("cutoff", now.minus(properties.retention()))
            .fetch()
            .rowsUpdated()
            .block(DB_TIMEOUT);
    if (deleted != null && deleted > 0) {
      log.info("Deleted {} published outbox row(s) older than {}", deleted, properties.retention());
    }
  }

  private record PendingRow(long id, String envelope) {}
}
