package io.bookpay.platform.db;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the database is. One JDBC URL serves both drivers: Flyway uses it as given, the R2DBC pool
 * derives its own from it, so there is a single setting to get right.
 *
 * @param url {@code BOOKPAY_DB_URL}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/bookpay}
 * @param schema every Bookpay object lives in this schema; it is also the connections' search path
 * @param statementTimeout PostgreSQL cancels a statement that runs longer (its statement_timeout)
 */
@ConfigurationProperties("bookpay.db")
public record DatabaseProperties(
    @DefaultValue("jdbc:postgresql://127.0.0.1:5432/bookpay") String url,
    @DefaultValue("postgres") String user,
    @DefaultValue("") String password,
    @DefaultValue("bookpay") String schema,
    @DefaultValue("true") boolean migrateOnStart,
    @DefaultValue("15s") Duration statementTimeout,
    @DefaultValue Pool pool) {

  /**
   * The R2DBC pool. Acquire and create timeouts are finite: r2dbc-pool's defaults wait forever, which
   * turns a database outage into hung requests instead of errors.
   */
  public record Pool(
      @DefaultValue("4") int initialSize,
      @DefaultValue("20") int maxSize,
      @DefaultValue("5s") Duration maxAcquireTime,
      @DefaultValue("5s") Duration maxCreateConnectionTime,
      @DefaultValue("30m") Duration maxIdleTime) {}
}
