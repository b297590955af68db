package io.bookpay.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The current end offsets of this install's topics, asked of the cluster without a consumer. */
@Component
public class TopicOffsets {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final TopicProvisioner provisioner;

  TopicOffsets(Admin admin, TopicProvisioner provisioner) {
    this.admin = admin;
    this.provisioner = provisioner;
  }

  /** Per partition of the topics ({@link io.bookpay.events.Topics} constants), the offset after its last committed record. */
  public Mono<Map<TopicPartition, Long>> ends(Collection<String> topics) {
    List<String> names = provisioner.names().topics(topics);
    return Mono.fromFuture(() -> admin.describeTopics(names).allTopicNames().toCompletionStage().toCompletableFuture())
        .flatMap(descriptions -> {
          Map<TopicPartition, OffsetSpec> request = new HashMap<>();
          descriptions.values().forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
          return Mono.fromFuture(() -> admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
              .toCompletionStage().toCompletableFuture());
        })
        .map(result -> {
          Map<TopicPartition, Long> ends = new HashMap<>();
          result.forEach((partition, info) -> ends.put(partition, info.offset()));
          return ends;
        })
        .timeout(TIMEOUT);
  }
}
