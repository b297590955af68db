package io.bookpay.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Creates Bookpay's topics with the configured partitions and retention, rather than trusting the
 * broker's auto-creation defaults, and brings existing topics to the configured retention. Runs in the background and retries while Kafka is away, so the
 * app starts (and accepts writes into the outbox) without a broker; publishers and consumers wait
 * on {@link #ready()}.
 */
@Component
public class TopicProvisioner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final KafkaProperties properties;
  private final TopicNames names;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile Disposable provisioning;

  TopicProvisioner(Admin admin, KafkaProperties properties) {
    this.admin = admin;
    this.properties = properties;
    this.names = new TopicNames(properties.topicPrefix());
  }

  /** This install's topic names and group ids, under the configured prefix. */
  public TopicNames names() {
    return names;
  }

  /** Completes once every topic exists. */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  /**
   * Blocks the calling (non-event-loop) thread until the topics exist, checking {@code keepWaiting}
   * every second so a stopping caller is not held up.
   *
   * @return true when the topics exist; false when the caller stopped waiting or provisioning failed
   */
  public boolean awaitReady(BooleanSupplier keepWaiting) {
    while (keepWaiting.getAsBoolean()) {
      try {
        ready.get(1, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException e) {
        // Kafka not there yet; writes keep waiting safely in the outbox.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        log.error("Topic provisioning failed", e.getCause());
        return false;
      }
    }
    return false;
  }

  @Override
  public void start() {
    provisioning =
        Flux.fromIterable(names.all())
            .flatMap(this::createIfMissing)
            .then(Mono.defer(this::alignRetention))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                    .maxBackoff(Duration.ofSeconds(10))
                    .doBeforeRetry(signal -> log.warn("Kafka topics not ready yet ({}); retrying", signal.failure().toString())))
            .subscribe(
                done -> {},
                error -> ready.completeExceptionally(error),
                () -> {
                  log.info("Kafka topics ready: {}", names.all());
                  ready.complete(null);
                });
  }

  private Mono<Void> createIfMissing(String topic) {
    NewTopic newTopic =
        new NewTopic(topic, properties.topicPartitions(), properties.topicReplicationFactor())
            .configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.topicRetentionMs()),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
    return Mono.fromFuture(admin.createTopics(List.of(newTopic)).all().toCompletionStage().toCompletableFuture())
        .onErrorResume(TopicExistsException.class::isInstance, e -> Mono.empty())
        .onErrorResume(e -> e.getCause() instanceof TopicExistsException, e -> Mono.empty());
  }

  /**
   * Brings every topic, also those made by an earlier version with another retention (30 days
   * once), to the configured one: a rebuild replays from the first event, so a topic that keeps less
   * than the configured time would lose what a rebuild needs. Setting the value a topic already has
   * changes nothing.
   */
  private Mono<Void> alignRetention() {
    AlterConfigOp op = new AlterConfigOp(
        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.topicRetentionMs())), AlterConfigOp.OpType.SET);
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
    names.all().forEach(topic -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(op)));
    return Mono.fromFuture(() -> admin.incrementalAlterConfigs(changes).all().toCompletionStage().toCompletableFuture())
        .doOnSuccess(done -> log.info("Kafka topics keep events {}",
            properties.topicRetentionMs() < 0 ? "without a time limit" : "for " + properties.topicRetention()));
  }

  @Override
  public void stop() {
    Disposable running = provisioning;
    if (running != null) {
      running.dispose();
      provisioning = null;
    }
  }

  @Override
  public boolean isRunning() {
    return provisioning != null;
  }

  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 100; // before the relay and the consumers
  }
}
