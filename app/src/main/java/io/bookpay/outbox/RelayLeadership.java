package io.bookpay.outbox;

import io.bookpay.platform.db.DedicatedConnections;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Leadership of the relay for one database schema: a session-level advisory lock held on a
 * connection of its own. The lock lives exactly as long as that connection, so a leader that dies
 * or loses its connection frees it for another instance. Used from the relay thread only.
 */
final class RelayLeadership {

  private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final DedicatedConnections connections;
  private final String schema;
  private Connection held;

  RelayLeadership(DedicatedConnections connections, String schema) {
    this.connections = connections;
    this.schema = schema;
  }

  /** True while this instance leads; tries to take the lock when it does not. */
  boolean holdOrAcquire() {
    if (held != null) {
      Boolean alive = Mono.from(held.validate(ValidationDepth.REMOTE)).block(TIMEOUT);
      if (Boolean.TRUE.equals(alive)) {
        return true;
      }
      log.warn("Lost the outbox relay lock's connection; giving up leadership");
      release();
    }
    Connection connection = connections.open().block(TIMEOUT);
    boolean acquired = false;
    try {
      // The lock key is per schema, so several Bookpay deployments can share one database.
      // Read the whole result (one row): cancelling it half-way would leave its buffers unreleased.
      acquired =
          Flux.from(connection.createStatement(
                      "SELECT pg_try_advisory_lock(hashtext('bookpay.outbox-relay'), hashtext($1)) AS locked")
                  .bind("$1", schema)
                  .execute())
              .concatMap(result -> result.map((row, meta) -> row.get("locked", Boolean.class)))
              .reduce(false, (any, locked) -> any || Boolean.TRUE.equals(locked))
              .block(TIMEOUT);
    } finally {
      if (acquired) {
        held = connection;
        log.info("This instance now leads the outbox relay for schema {}", schema);
      } else {
        Mono.from(connection.close()).block(TIMEOUT);
      }
    }
    return acquired;
  }

  boolean isLeader() {
    return held != null;
  }

  /** Closes the connection, which releases the lock. */
  void release() {
    Connection connection = held;
    held = null;
    if (connection != null) {
      try {
        Mono.from(connection.close()).block(TIMEOUT);
      } catch (RuntimeException e) {
        log.debug("Closing the relay lock connection failed", e);
      }
    }
  }
}
