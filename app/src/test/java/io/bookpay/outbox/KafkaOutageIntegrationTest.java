package io.bookpay.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.events.EventCodec;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.Topics;
import io.bookpay.events.customer.CustomerRegistered;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.InJvmKafka;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import io.bookpay.testsupport.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Kafka is unreachable when the app starts: writes still succeed and wait in the outbox; once a
 * broker comes up at the configured address, every event arrives once, in order per aggregate.
 * Published rows are then deleted after the (here very short) retention.
 */
class KafkaOutageIntegrationTest {

  @Test
  void eventsWaitInTheOutboxUntilKafkaComesUp() {
    String schema = TestInfrastructure.get().isolatedSchema("outage");
    Sql sql = Sql.of(schema);
    int kafkaPort = InJvmKafka.freePort();
    InJvmKafka broker = null;
    try (AppInstance app = AppInstance.start(schema, "127.0.0.1:" + kafkaPort,
        "--bookpay.outbox.retention=3s", "--bookpay.outbox.cleanup-interval=500ms")) {
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(app.http());
      List<UUID> customers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        customers.add(IntegrationTest.newCustomer(app.http(), tenant, "Customer " + i, "c" + i + "@example.com"));
      }
      // Ten more events of one aggregate, each in its own transaction, to check their order.
      UUID aggregate = customers.get(0);
      Outbox outbox = app.bean(Outbox.class);
      TransactionalOperator tx = app.bean(TransactionalOperator.class);
      for (int step = 0; step < 10; step++) {
        outbox.append(tenant.id(), new CustomerRegistered(aggregate, "step " + step, null, null))
            .as(tx::transactional)
            .block(Duration.ofSeconds(10));
      }

      // 15 customer events and the new tenant's profile.
      assertThat(sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND published_at IS NULL", tenant.id())).isEqualTo(16);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          app.http().get().uri("/actuator/prometheus")
              .header("Authorization", "Bearer " + TestInfrastructure.get().adminToken()).exchange().expectStatus().isOk()
              .expectBody(String.class).value(body -> assertThat(body).contains("bookpay_outbox_pending{application=\"bookpay\"} 16.0")));
      app.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);

      broker = InJvmKafka.start(kafkaPort, null);

      await().atMost(Duration.ofSeconds(60)).until(
          () -> sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ? AND published_at IS NULL", tenant.id()) == 0);
      String bootstrap = broker.bootstrapServers();
      List<ConsumerRecord<String, byte[]>> records =
          TopicReader.readAll(bootstrap, Topics.CUSTOMERS, r -> tenant.id().toString().equals(TopicReader.header(r, "ce_tenantid")));
      EventCodec codec = new EventCodec();
      List<EventEnvelope> events = records.stream().map(r -> codec.decode(r.value())).toList();
      assertThat(events).hasSize(15);
      assertThat(events.stream().map(EventEnvelope::eventId).distinct()).hasSize(15);
      assertThat(events.stream().map(EventEnvelope::aggregateId).distinct()).containsExactlyInAnyOrderElementsOf(customers);
      List<String> stepsInOrder =
          events.stream()
              .filter(e -> e.aggregateId().equals(aggregate))
              .map(e -> ((CustomerRegistered) e.payload()).name())
              .filter(name -> name.startsWith("step "))
              .toList();
      assertThat(stepsInOrder).containsExactly(
          "step 0", "step 1", "step 2", "step 3", "step 4", "step 5", "step 6", "step 7", "step 8", "step 9");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          app.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());

      // Unpublished rows are never deleted; published ones go once past the retention.
      await().atMost(Duration.ofSeconds(20)).until(
          () -> sql.count("SELECT count(*) FROM outbox WHERE tenant_id = ?", tenant.id()) == 0);
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }
}
