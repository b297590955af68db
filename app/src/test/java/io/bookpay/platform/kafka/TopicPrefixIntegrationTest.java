package io.bookpay.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.Topics;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Two installs on one Kafka cluster: the running app (default prefix) and a second install's
 * provisioner with a prefix of its own. Each gets its own topics, and what the app publishes lands
 * only in its own, so the second install's consumers (subscribed to its names) never see it.
 */
class TopicPrefixIntegrationTest extends IntegrationTest {

  @Test
  void installsWithDifferentPrefixesShareTheClusterButNoTopic() throws Exception {
    String kafka = TestInfrastructure.get().kafkaBootstrapServers();
    String prefix = "side" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    try (Admin admin = Admin.create(props)) {
      TopicProvisioner second = new TopicProvisioner(admin,
          new KafkaProperties(kafka, "side", 1, (short) 1, Duration.ofHours(1), false, prefix, null));
      second.start();
      second.ready().get(30, java.util.concurrent.TimeUnit.SECONDS);
      second.stop();

      // Creation is acknowledged before every broker lists the topic: wait for the listing.
      Set<String> topics = await().atMost(Duration.ofSeconds(30)).until(
          () -> admin.listTopics().names().get(), names -> names.containsAll(second.names().all()));
      assertThat(topics).containsAll(Topics.ALL);
      assertThat(second.names().groupId("analytics")).isEqualTo(prefix + "analytics");

      var tenant = newTenant();
      String id = (String) http.post().uri("/v1/customers")
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + tenant.apiKey())
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("name", "Grace Hopper", "email", "grace@example.com"))
          .exchange().expectStatus().isCreated()
          .expectBody(Map.class).returnResult().getResponseBody().get("id");

      await().atMost(Duration.ofSeconds(30)).until(
          () -> TopicReader.readAll(kafka, Topics.CUSTOMERS, r -> id.equals(r.key())), found -> found.size() == 1);
      assertThat(TopicReader.readAll(kafka, second.names().topic(Topics.CUSTOMERS), r -> true)).isEmpty();
    }
  }
}
