package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.outbox.Outbox;
import io.bookpay.platform.db.DatabaseUnavailable;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TcpProxy;
import io.bookpay.testsupport.TestInfrastructure;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A shared busy-range load whose connection stops answering (a network cut: no reply, no reset) must
 * not hold every later search of its key: Caffeine never expires an entry still loading, so without a
 * bound of its own the load, and each search joining it, would wait until TCP gave up, minutes after
 * the database is reachable again. Past the bound the load fails as the database being unavailable
 * (503 with Retry-After, not 500), and the next search loads afresh.
 */
class BusyCacheHungLoadIntegrationTest extends IntegrationTest {

  @Autowired Outbox outbox;

  @Test
  void aLoadWhoseConnectionStopsAnsweringFailsAsUnavailableAndTheNextSearchLoadsAfresh() {
    var db = TestInfrastructure.get().database();
    URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    try (TcpProxy proxy = TcpProxy.start(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
      ConnectionFactoryOptions options = ConnectionFactoryOptions.parse("r2dbc:" + db.jdbcUrl().substring("jdbc:".length())).mutate()
          .option(ConnectionFactoryOptions.HOST, "127.0.0.1").option(ConnectionFactoryOptions.PORT, proxy.port())
          .option(ConnectionFactoryOptions.USER, db.user()).option(ConnectionFactoryOptions.PASSWORD, db.password())
          .option(Option.valueOf("schema"), db.schema()).build();
      // Unpooled: every load has a connection of its own, as a pool would give once the hung one is held.
      BookingRepository repository = new BookingRepository(DatabaseClient.create(ConnectionFactories.get(options)));
      BusyCache cache = new BusyCache(repository, Duration.ofSeconds(5), Duration.ofMillis(1500), outbox);
      List<UUID> providers = List.of(UUID.randomUUID());
      Instant from = Instant.parse("2031-01-01T00:00:00Z");
      Instant to = from.plus(Duration.ofDays(1));

      proxy.silence(); // the load's connection opens, then nothing it sends is ever answered
      Throwable first = cache.busy(providers, from, to, from).timeout(Duration.ofSeconds(20), Mono.error(new AssertionError("hung")))
          .map(ranges -> (Throwable) null).onErrorResume(e -> Mono.just(e)).block();
      assertThat(first).isNotNull();
      assertThat(first).isNotInstanceOf(AssertionError.class);
      assertThat(DatabaseUnavailable.is(first)).as("%s", first).isTrue();

      // The network is back: the silenced connection stays broken, a new one answers. (Caffeine drops the
      // failed load just after its searches hear of it, so one asking that very instant may share its failure.)
      proxy.speak();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
          cache.busy(providers, from, to, from).onErrorResume(e -> Mono.empty()).blockOptional(Duration.ofSeconds(5)).isPresent());
    }
  }
}
