package io.bookpay.platform.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Kafka is healthy when the cluster answers a describe request within two seconds. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator {

  private final Admin admin;

  KafkaHealthIndicator(Admin admin) {
    super("Kafka health check failed");
    this.admin = admin;
  }

  @Override
  protected Mono<Health> doHealthCheck(Health.Builder builder) {
    var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
    return Mono.fromFuture(cluster.nodes().toCompletionStage().toCompletableFuture())
        .timeout(Duration.ofSeconds(3))
        .map(nodes -> builder.up().withDetail("nodes", nodes.size()).build());
  }
}
