package io.bookpay.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookpay.outbox.Outbox;
import io.bookpay.platform.db.DatabaseUnavailable;
import io.bookpay.testsupport.IntegrationTest;
import io.bookpay.testsupport.TestInfrastructure;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
  void aLoadWhoseConnectionStopsAnsweringFailsAsUnavailableAndTheNextSearchLoadsAfresh() throws Exception {
    var db = TestInfrastructure.get().database();
    URI target = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    try (FreezableProxy proxy = new FreezableProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort())) {
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

      proxy.freezeOnNextQuery(); // the connection opens, then its first query is never answered
      Throwable first = cache.busy(providers, from, to, from).timeout(Duration.ofSeconds(20), Mono.error(new AssertionError("hung")))
          .map(ranges -> (Throwable) null).onErrorResume(e -> Mono.just(e)).block();
      assertThat(first).isNotNull();
      assertThat(first).isNotInstanceOf(AssertionError.class);
      assertThat(DatabaseUnavailable.is(first)).as("%s", first).isTrue();

      // The frozen connection still answers nothing; a new one does. (Caffeine drops the failed load
      // just after its searches hear of it, so one asking that very instant may still share its failure.)
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
          cache.busy(providers, from, to, from).onErrorResume(e -> Mono.empty()).blockOptional(Duration.ofSeconds(5)).isPresent());
    }
  }

  /** Forwards TCP to PostgreSQL; once told, the next connection's traffic after its start-up is swallowed. */
  private static final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean freezeNext;

    FreezableProxy(String host, int port) throws IOException {
      daemon(() -> {
        while (!server.isClosed()) {
          try {
            Socket client = server.accept();
            Socket upstream = new Socket(host, port);
            sockets.add(client);
            sockets.add(upstream);
            boolean freeze = freezeNext;
            freezeNext = false;
            pump(client.getInputStream(), upstream.getOutputStream(), freeze);
            pump(upstream.getInputStream(), client.getOutputStream(), false);
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    int port() {
      return server.getLocalPort();
    }

    void freezeOnNextQuery() {
      freezeNext = true;
    }

    /** Frozen: forwards the start-up and authentication, then drops every message after the first query ('Q' or 'P'). */
    private static void pump(InputStream in, OutputStream out, boolean freeze) {
      daemon(() -> {
        byte[] buffer = new byte[8192];
        boolean frozen = false;
        boolean startup = true;
        try {
          for (int n; (n = in.read(buffer)) >= 0; ) {
            if (freeze && !frozen && !startup && n > 0 && (buffer[0] == 'Q' || buffer[0] == 'P')) {
              frozen = true;
            }
            startup = false;
            if (!frozen) {
              out.write(buffer, 0, n);
              out.flush();
            }
          }
        } catch (IOException e) {
          // closed
        }
      });
    }

    private static void daemon(Runnable work) {
      Thread thread = new Thread(work, "freezable-proxy");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
