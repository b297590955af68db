package io.bookpay.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.booking.CatalogFixture;
import io.bookpay.events.EventEnvelope;
import io.bookpay.events.catalog.ServiceChanged;
import io.bookpay.platform.cache.ChangeFeed;
import io.bookpay.testsupport.AppInstance;
import io.bookpay.testsupport.InJvmKafka;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.KafkaEvents;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cache invalidation feed on instances of their own: it runs where the projection consumers are
 * off (AppInstance's default), and when it is switched off the catalog cache falls back to its short
 * TTL: another instance's change is then seen once the entry expires, the event going unheard. When
 * the broker goes away, the feed stops being live and everything it vouched for is forgotten.
 */
class CacheFeedInstancesIntegrationTest {

  private final TestInfrastructure infra = TestInfrastructure.get();

  @Test
  void theFeedRunsWhereTheProjectionConsumersAreOff() {
    try (AppInstance app = AppInstance.start(infra.isolatedSchema("feed_on"), infra.kafkaBootstrapServers())) {
      assertThat(app.isRunning()).isTrue();
      await().atMost(Duration.ofSeconds(60)).until(app.bean(ChangeFeed.class)::isLive);
    }
  }

  @Test
  void whenKafkaGoesAwayTheLongLivedEntriesAreForgottenAndTheShortTtlHolds() {
    String schema = infra.isolatedSchema("feed_outage");
    InJvmKafka broker = InJvmKafka.start();
    boolean brokerUp = true;
    try (AppInstance app = AppInstance.start(schema, broker.bootstrapServers(), "--bookpay.catalog.cache-ttl=2s")) {
      ChangeFeed feed = app.bean(ChangeFeed.class);
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(app.http());
      CatalogFixture catalog = new CatalogFixture(app.http(), tenant).build(1);
      CatalogService service = app.bean(CatalogService.class);
      await().atMost(Duration.ofSeconds(60)).until(feed::isLive);
      long price = service.offering(tenant.id(), catalog.serviceId).block().priceAmount(); // kept for the live TTL, 60 s

      broker.close();
      brokerUp = false;
      await().atMost(Duration.ofSeconds(20)).until(() -> !feed.isLive());
      // Another instance's change, its event stuck in the outbox while Kafka is away.
      Sql.of(schema).update("UPDATE services SET price_amount = price_amount + 100 WHERE id = ?", catalog.serviceId);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> service.offering(tenant.id(), catalog.serviceId).block().priceAmount() == price + 100);
    } finally {
      if (brokerUp) {
        broker.close();
      }
    }
  }

  @Test
  void withTheFeedOffTheShortTtlBoundsHowLongAnotherInstancesChangeGoesUnseen() {
    Duration ttl = Duration.ofSeconds(3);
    String schema = infra.isolatedSchema("feed_off");
    try (AppInstance app = AppInstance.start(schema, infra.kafkaBootstrapServers(),
            "--bookpay.cache-invalidation.enabled=false", "--bookpay.catalog.cache-ttl=" + ttl.toSeconds() + "s");
        KafkaEvents kafka = new KafkaEvents()) {
      ChangeFeed feed = app.bean(ChangeFeed.class);
      assertThat(feed.isRunning()).isFalse();
      IntegrationTest.TestTenant tenant = IntegrationTest.newTenant(app.http());
      CatalogFixture catalog = new CatalogFixture(app.http(), tenant).build(1);
      CatalogService service = app.bean(CatalogService.class);

      long loaded = System.nanoTime();
      Offering offering = service.offering(tenant.id(), catalog.serviceId).block();
      Sql.of(schema).update("UPDATE services SET price_amount = price_amount + 100, version = version + 1 WHERE id = ?", catalog.serviceId);
      kafka.send(EventEnvelope.wrap(UUID.randomUUID(), tenant.id(), Instant.now(), new ServiceChanged(offering.id(), offering.name(),
          offering.durationMinutes(), offering.priceAmount() + 100, offering.currency(), true, false, offering.version() + 1)));
      long seen = service.offering(tenant.id(), catalog.serviceId).block().priceAmount();
      if (System.nanoTime() - loaded < ttl.toNanos()) {
        assertThat(seen).as("the event goes unheard with the feed off; the entry lives out its short TTL").isEqualTo(offering.priceAmount());
      }

      await().atMost(ttl.plusSeconds(10))
          .until(() -> service.offering(tenant.id(), catalog.serviceId).block().priceAmount() == offering.priceAmount() + 100);
      assertThat(feed.isLive()).isFalse();
    }
  }
}
