package io.bookpay.projection;

import io.bookpay.platform.clock.Ids;
import io.bookpay.platform.db.DatabaseProperties;
import io.bookpay.platform.db.DedicatedConnections;
import io.bookpay.platform.kafka.EventConsumers;
import io.bookpay.platform.kafka.EventReplay;
import io.bookpay.platform.kafka.TopicOffsets;
import io.bookpay.platform.web.ApiException;
import io.bookpay.platform.web.ProblemType;
import io.r2dbc.spi.Connection;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Rebuilds of a projection from the topics' first event: the fresh tables fill while the live ones
 * keep serving, then one transaction switches them ({@link RebuildSchema}). At most one rebuild per
 * projection runs across all instances: the one that runs it holds a session advisory lock on a
 * connection of its own, and the database allows one RUNNING row. A rebuild whose instance stopped
 * leaves a RUNNING row whose lock is free: the next instance that starts, or the next rebuild
 * request, marks it FAILED and drops its tables. Caches of the projection's answers are dropped
 * after a switch ({@link AppliedListener#rebuilt}).
 */
@Service
public class ProjectionRebuilds {

  private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** One partition's progress: the rebuild's next offset beside the partition's end (null when Kafka did not say). */
  public record PartitionProgress(String topic, int partition, long offset, Long endOffset) {}

  /** A rebuild as the operator sees it. */
  public record Progress(UUID id, String projection, String state, String phase, Instant startedAt, Instant finishedAt,
      long eventsReplayed, String error, List<PartitionProgress> partitions) {}

  private final Projections projections;
  private final RebuildSchema schema;
  private final RebuildRepository rebuilds;
  private final DedicatedConnections connections;
  private final EventConsumers consumers;
  private final TopicOffsets offsets;
  private final ProjectionProperties properties;
  private final Ids ids;
  private final Clock clock;
  private final String dbSchema;
  private final ConcurrentMap<String, RebuildRun> running = new ConcurrentHashMap<>();

  ProjectionRebuilds(Projections projections, RebuildSchema schema, RebuildRepository rebuilds, DedicatedConnections connections,
      EventConsumers consumers, TopicOffsets offsets, ProjectionProperties properties, Ids ids, Clock clock, DatabaseProperties database) {
    this.projections = projections;
    this.schema = schema;
    this.rebuilds = rebuilds;
    this.connections = connections;
    this.consumers = consumers;
    this.offsets = offsets;
    this.properties = properties;
    this.ids = ids;
    this.clock = clock;
    this.dbSchema = database.schema();
  }

  /**
   * Starts a rebuild of the projection {@code name} on a thread of its own and answers at once.
   * 404 for no such projection; 409 ({@code rebuild-running}) while one runs; 422
   * ({@code rebuild-topics-truncated}) when a partition no longer starts at its first event, as
   * the replay would then miss events; 503 when Kafka does not answer.
   */
  public Mono<Progress> start(String name) {
    Projection projection = projections.projection(name).orElseThrow(() -> ApiException.notFound("Projection"));
    return Mono.fromCallable(() -> startBlocking(projection)).subscribeOn(Schedulers.boundedElastic());
  }

  private Progress startBlocking(Projection projection) {
    String consumer = projection.consumer();
    Connection lock = tryLock(consumer);
    if (lock == null) {
      throw new ApiException(ProblemType.CONFLICT, "A rebuild of " + consumer + " is running; see GET of this resource for its progress.",
          Map.of("code", "rebuild-running"));
    }
    EventReplay replay = null;
    try {
      cleanUpAbandoned(consumer);
      replay = openReplay(projection);
      List<PartitionProgress> truncated = replay.beginningOffsets().entrySet().stream()
          .filter(e -> e.getValue() > 0)
          .map(e -> new PartitionProgress(e.getKey().topic(), e.getKey().partition(), e.getValue(), null))
          .sorted(Comparator.comparing(PartitionProgress::topic).thenComparingInt(PartitionProgress::partition))
          .toList();
      if (!truncated.isEmpty()) {
        throw new ApiException(ProblemType.UNPROCESSABLE, "The topics no longer start at their first event: " + truncated.size()
            + " partition(s) begin later (retention or deleted records), so a replay would miss events. Nothing was changed.",
            Map.of("code", "rebuild-topics-truncated", "partitions", truncated));
      }
      UUID id = ids.next();
      Instant startedAt = clock.instant();
      rebuilds.insert(id, consumer, startedAt).block(TIMEOUT);
      RebuildRun run = new RebuildRun(id, projection, replay, lock, this);
      running.put(consumer, run);
      run.start();
      log.info("Rebuild {} of projection {} started", id, consumer);
      return new Progress(id, consumer, "RUNNING", "PREPARING", startedAt, null, 0, null, List.of());
    } catch (RuntimeException e) {
      if (replay != null) {
        replay.close();
      }
      release(lock);
      if (e instanceof KafkaException || e instanceof org.apache.kafka.common.errors.TimeoutException) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "10");
        throw new ApiException(ProblemType.UNAVAILABLE, "Kafka did not answer; try again shortly.", Map.of(), headers);
      }
      throw e;
    }
  }

  private EventReplay openReplay(Projection projection) {
    return EventReplay.open(consumers, projection.consumer() + ".rebuild", projection.topics(), properties.rebuildBatchSize());
  }

  /** The newest rebuild of the projection, with per-partition progress while it runs; 404 when none ran. */
  public Mono<Progress> progress(String name) {
    Projection projection = projections.projection(name).orElseThrow(() -> ApiException.notFound("Projection"));
    String consumer = projection.consumer();
    return rebuilds.latest(consumer)
        .switchIfEmpty(Mono.error(() -> ApiException.notFound("Rebuild")))
        .flatMap(row -> {
          if (!row.state().equals("RUNNING")) {
            return Mono.just(progress(row, List.of()));
          }
          Mono<Map<TopicPartition, Long>> ends = offsets.ends(projection.topics()).onErrorResume(e -> Mono.just(Map.of()));
          return Mono.zip(schema.positions(consumer), ends).map(both -> progress(row, partitions(both.getT1(), both.getT2())));
        });
  }

  private static Progress progress(RebuildRepository.Rebuild row, List<PartitionProgress> partitions) {
    return new Progress(row.id(), row.consumer(), row.state(), row.phase(), row.startedAt(), row.finishedAt(), row.eventsReplayed(),
        row.error(), partitions);
  }

  private static List<PartitionProgress> partitions(Map<TopicPartition, Long> at, Map<TopicPartition, Long> ends) {
    Set<TopicPartition> all = new HashSet<>(at.keySet());
    all.addAll(ends.keySet());
    return all.stream()
        .map(p -> new PartitionProgress(p.topic(), p.partition(), at.getOrDefault(p, 0L), ends.get(p)))
        .sorted(Comparator.comparing(PartitionProgress::topic).thenComparingInt(PartitionProgress::partition))
        .toList();
  }

  /** At startup: a rebuild left RUNNING by a stopped instance is marked FAILED and its tables go. */
  @EventListener(ApplicationReadyEvent.class)
  void recoverAbandoned() {
    Flux.fromIterable(projections.consumers())
        .concatMap(consumer -> Mono.fromRunnable(() -> {
          Connection lock = tryLock(consumer);
          if (lock != null) {
            try {
              cleanUpAbandoned(consumer);
            } finally {
              release(lock);
            }
          }
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(e -> {
          log.warn("Could not look for an abandoned rebuild of {}", consumer, e);
          return Mono.empty();
        }))
        .subscribe();
  }

  /** With the rebuild lock held: nobody runs a rebuild of the consumer, so a RUNNING row and the schemas are leftovers. */
  private void cleanUpAbandoned(String consumer) {
    Long abandoned = rebuilds.failAbandoned(consumer, "Interrupted: the instance running it stopped before it finished.").block(TIMEOUT);
    if (abandoned != null && abandoned > 0) {
      log.warn("Marked an abandoned rebuild of {} failed", consumer);
    }
    schema.dropLeftovers(consumer).block(Duration.ofMinutes(2));
  }

  /** The rebuild lock of the consumer on a connection of its own, or null when another holder has it. */
  private Connection tryLock(String consumer) {
    Connection connection = connections.open().block(TIMEOUT);
    boolean acquired = false;
    try {
      acquired = Flux.from(connection.createStatement(
                  "SELECT pg_try_advisory_lock(hashtext('bookpay.projection-rebuild'), hashtext($1)) AS locked")
              .bind("$1", dbSchema + ":" + consumer)
              .execute())
          .concatMap(result -> result.map((row, meta) -> row.get("locked", Boolean.class)))
          .reduce(false, (any, locked) -> any || Boolean.TRUE.equals(locked))
          .block(TIMEOUT);
      return acquired ? connection : null;
    } finally {
      if (!acquired) {
        release(connection);
      }
    }
  }

  /** Closing the connection releases the lock. */
  static void release(Connection connection) {
    try {
      Mono.from(connection.close()).block(TIMEOUT);
    } catch (RuntimeException e) {
      log.debug("Closing a rebuild lock connection failed", e);
    }
  }

  void finished(String consumer) {
    running.remove(consumer);
  }

  Optional<RebuildRun> run(String consumer) {
    return Optional.ofNullable(running.get(consumer));
  }

  Projections projections() {
    return projections;
  }

  RebuildSchema schema() {
    return schema;
  }

  RebuildRepository repository() {
    return rebuilds;
  }

  /** A rebuild running when the application stops is stopped and marked failed; a new one can start after. */
  @PreDestroy
  void stopAll() {
    running.values().forEach(RebuildRun::stop);
  }
}
