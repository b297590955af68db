package io.bookpay.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.Topics;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * Topics keep their events as long as configured, for ever by default, as a rebuild replays them
 * from the first: new topics are made so, and topics made earlier with another retention (30 days
 * once) are brought to it when the provisioner starts.
 */
class TopicRetentionIntegrationTest extends IntegrationTest {

  private final String kafka = TestInfrastructure.get().kafkaBootstrapServers();

  @Test
  void theAppsTopicsKeepEventsWithoutATimeLimitByDefault() throws Exception {
    try (Admin admin = admin()) {
      assertThat(retention(admin, Topics.BOOKINGS)).isEqualTo("-1");
      assertThat(retention(admin, Topics.ANALYTICS)).isEqualTo("-1");
    }
  }

  @Test
  void anExistingTopicIsBroughtToTheConfiguredRetentionAtStartup() throws Exception {
    String prefix = "ret" + UUID.randomUUID().toString().substring(0, 8) + ".";
    String bookings = Topics.withPrefix(prefix, Topics.BOOKINGS);
    try (Admin admin = admin()) {
      // As an earlier version made it: 30 days.
      admin.createTopics(List.of(new NewTopic(bookings, 1, (short) 1)
          .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis())))))
          .all().get(30, TimeUnit.SECONDS);
      assertThat(retention(admin, bookings)).isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));

      provision(admin, prefix, Duration.ofMillis(-1));
      awaitRetention(admin, bookings, "-1");
      awaitRetention(admin, Topics.withPrefix(prefix, Topics.PAYMENTS), "-1"); // created now

      provision(admin, prefix, Duration.ofDays(400));
      awaitRetention(admin, bookings, Long.toString(Duration.ofDays(400).toMillis()));
    }
  }

  @Test
  void aZeroRetentionIsRefused() {
    assertThatThrownBy(() -> new KafkaProperties(kafka, "x", 1, (short) 1, Duration.ZERO, false, "bookpay.", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic-retention");
  }

  private void provision(Admin admin, String prefix, Duration retention) throws Exception {
    TopicProvisioner provisioner =
        new TopicProvisioner(admin, new KafkaProperties(kafka, "ret", 1, (short) 1, retention, false, prefix, null));
    provisioner.start();
    try {
      provisioner.ready().get(30, TimeUnit.SECONDS);
    } finally {
      provisioner.stop();
    }
  }

  /** The controller acknowledges a change before every broker describes it: wait for the description. */
  private static void awaitRetention(Admin admin, String topic, String expected) {
    await().atMost(Duration.ofSeconds(30)).until(() -> retention(admin, topic), expected::equals);
  }

  private static String retention(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
        .get(TopicConfig.RETENTION_MS_CONFIG).value();
  }

  private Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    return Admin.create(props);
  }
}
