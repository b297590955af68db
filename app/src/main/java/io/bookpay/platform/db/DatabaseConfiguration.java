package io.bookpay.platform.db;

import io.bookpay.migrations.DatabaseTarget;
import io.bookpay.migrations.Migrations;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The R2DBC pool every request uses, and a factory of unpooled connections for the few callers that
 * need a connection of their own (a session-level advisory lock must not sit on a pooled one).
 * Migrations run before the pool is handed out, so nothing serves an old schema.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  @Bean
  SchemaMigration schemaMigration(DatabaseProperties properties) {
    DatabaseTarget target =
        new DatabaseTarget(properties.url(), properties.user(), properties.password(), properties.schema());
    if (properties.migrateOnStart()) {
      int applied = new Migrations(target).migrate();
      log.info("Schema {} is up to date ({} migration(s) applied now)", target.schema(), applied);
    }
    return new SchemaMigration(target);
  }

  @Bean
  DedicatedConnections dedicatedConnections(DatabaseProperties properties, SchemaMigration migrated) {
    return new DedicatedConnections(ConnectionFactories.get(r2dbcOptions(properties)));
  }

  @Bean(destroyMethod = "dispose")
  ConnectionPool connectionFactory(DatabaseProperties properties, SchemaMigration migrated) {
    ConnectionFactory unpooled = ConnectionFactories.get(r2dbcOptions(properties));
    DatabaseProperties.Pool pool = properties.pool();
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(unpooled)
            .name("bookpay")
            .initialSize(pool.initialSize())
            .maxSize(pool.maxSize())
            .maxAcquireTime(pool.maxAcquireTime())
            .maxCreateConnectionTime(pool.maxCreateConnectionTime())
            .maxIdleTime(pool.maxIdleTime())
            // No validationQuery: it would cost a round trip on every acquire. Without one the pool
            // checks the connection locally, and a broken one fails its statement instead.
            .build());
  }

  /** {@code jdbc:postgresql://h:p/db?x=y} becomes {@code r2dbc:postgresql://h:p/db?x=y} plus credentials and schema. */
  static ConnectionFactoryOptions r2dbcOptions(DatabaseProperties properties) {
    String url = properties.url();
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new IllegalStateException(
          "bookpay.db.url must look like jdbc:postgresql://host:port/database, got " + url);
    }
    ConnectionFactoryOptions.Builder options =
        ConnectionFactoryOptions.parse("r2dbc:" + url.substring("jdbc:".length())).mutate();
    options.option(ConnectionFactoryOptions.USER, properties.user());
    if (!properties.password().isEmpty()) {
      options.option(ConnectionFactoryOptions.PASSWORD, properties.password());
    }
    options.option(Option.valueOf("schema"), properties.schema());
    options.option(Option.valueOf("applicationName"), "bookpay");
    options.option(Option.valueOf("statementTimeout"), properties.statementTimeout());
    return options.build();
  }

  /** Marks that the schema is migrated; beans that touch the database depend on it. */
  record SchemaMigration(DatabaseTarget target) {}
}
