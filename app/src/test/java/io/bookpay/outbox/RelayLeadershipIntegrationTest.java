package io.bookpay.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.Topics;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two instances on one database: one relays, and when it stops the other takes over. */
class RelayLeadershipIntegrationTest {

  @Test
  void exactlyOneInstanceRelaysAndTheOtherTakesOver() {
    TestInfrastructure infra = TestInfrastructure.get();
    String schema = infra.isolatedSchema("leader");
    String kafka = infra.kafkaBootstrapServers();
    Sql sql = Sql.of(schema);
    try (AppInstance first = AppInstance.start(schema, kafka); AppInstance second = AppInstance.start(schema, kafka)) {
      OutboxRelay firstRelay = first.bean(OutboxRelay.class);
      OutboxRelay secondRelay = second.bean(OutboxRelay.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> firstRelay.isLeader() || secondRelay.isLeader());
      // Never both, over several of the followers' retry intervals.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> firstRelay.isLeader() ^ secondRelay.isLeader());

      AppInstance leader = firstRelay.isLeader() ? first : second;
      AppInstance follower = leader == first ? second : first;
      OutboxRelay followerRelay = follower.bean(OutboxRelay.class);

      // Written through the follower, published by the leader.
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(follower.http());
      UUID before = IntegrationTest.newCustomer(follower.http(), tenant, "Before", "before@example.com");
      await().atMost(Duration.ofSeconds(30)).until(() -> isPublished(sql, before) && onTopic(kafka, before));
      assertThat(followerRelay.isLeader()).isFalse();

      leader.close();

      await().atMost(Duration.ofSeconds(30)).until(followerRelay::isLeader);
      UUID after = IntegrationTest.newCustomer(follower.http(), tenant, "After", "after@example.com");
      await().atMost(Duration.ofSeconds(30)).until(() -> isPublished(sql, after) && onTopic(kafka, after));
    }
  }

  private static boolean isPublished(Sql sql, UUID aggregate) {
    return sql.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NOT NULL", aggregate) == 1;
  }

  private static boolean onTopic(String kafka, UUID aggregate) {
    return TopicReader.readAll(kafka, Topics.CUSTOMERS, r -> aggregate.toString().equals(r.key())).size() == 1;
  }
}
