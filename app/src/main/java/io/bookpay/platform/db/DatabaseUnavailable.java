package io.bookpay.platform.db;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure to reach the database from a failure of the request: the first says nothing
 * about the request and goes away when the database is back (a restart, a failover, a network
 * cut), so it is answered 503 with Retry-After, not 500. Reads the whole cause chain, because
 * Spring's translators and the transaction manager wrap what the driver and the pool threw.
 */
public final class DatabaseUnavailable {

  /**
   * SQLSTATEs of a connection that is going or cannot be had: 57P01 admin_shutdown (a restart
   * terminates every backend), 57P02 crash_shutdown, 57P03 cannot_connect_now (still starting up),
   * 53300 too_many_connections; class 08 (connection exception) is matched by its prefix.
   */
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseUnavailable() {}

  public static boolean is(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
        // The server said what happened: only connection-level states count (not a statement timeout, say).
        return isConnectionState(r2dbc.getSqlState());
      }
      if (isConnectionLevel(t)) {
        return true;
      }
    }
    return false;
  }

  static boolean isConnectionState(String sqlState) {
    return sqlState.startsWith("08") || STATES.contains(sqlState);
  }

  /**
   * The driver's closed or refused connection (non-transient resource), a transient resource
   * failure, the pool's acquire or create timeout (an R2DBC timeout caused by the pool's own
   * {@link TimeoutException}, unlike a statement timeout, which has a SQLSTATE), reactor-pool's own
   * acquire timeout, and socket errors underneath any of them.
   */
  private static boolean isConnectionLevel(Throwable t) {
    return t instanceof R2dbcNonTransientResourceException
        || t instanceof R2dbcTransientResourceException
        || (t instanceof R2dbcTimeoutException && t.getCause() instanceof TimeoutException)
        || t instanceof reactor.pool.PoolAcquireTimeoutException
        || t instanceof java.net.ConnectException
        || t instanceof ClosedChannelException
        || (t instanceof IOException && fromDriver(t));
  }

  /** An I/O error raised on the driver's channel, as opposed to one of the HTTP exchange itself. */
  private static boolean fromDriver(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("io.r2dbc.")) {
        return true;
      }
    }
    return false;
  }
}
