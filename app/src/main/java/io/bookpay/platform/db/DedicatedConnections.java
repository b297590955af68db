package io.bookpay.platform.db;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/**
 * Opens connections outside the pool. Whoever opens one owns it and must close it; closing it ends
 * any session state held on it, such as an advisory lock.
 */
public final class DedicatedConnections {

  private final ConnectionFactory factory;

  DedicatedConnections(ConnectionFactory factory) {
    this.factory = factory;
  }

  public Mono<Connection> open() {
    return Mono.from(factory.create());
  }
}
