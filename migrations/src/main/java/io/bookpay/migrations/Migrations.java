package io.bookpay.migrations;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/** Bookpay's Flyway setup, shared by the app and the {@link Migrate} CLI. */
public final class Migrations {

  private final Flyway flyway;

  public Migrations(DatabaseTarget target) {
    this.flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(target.jdbcUrl(), target.user(), target.password())
            .schemas(target.schema())
            .defaultSchema(target.schema())
            .createSchemas(true)
            .locations("classpath:db/migration")
            // Drift is a failure, not something to clean up: never drop a schema from here.
            .cleanDisabled(true)
            .validateMigrationNaming(true)
            // The default lock is an advisory lock inside a transaction Flyway keeps open for the
            // whole run, and CREATE INDEX CONCURRENTLY waits for every open transaction: it would
            // wait for Flyway forever. A session lock serialises migrators just as well.
            .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
            .load();
  }

  /** Applies pending migrations; returns how many were applied. */
  public int migrate() {
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }

  /** Applies pending migrations up to and including {@code version}: to build an older schema in a test. */
  public int migrateTo(String version) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .configuration(flyway.getConfiguration())
        .target(version)
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /** Checks applied migrations against the ones on the classpath (checksums, order, missing). */
  public ValidateResult validate() {
    return flyway.validateWithResult();
  }

  public MigrationInfo[] info() {
    return flyway.info().all();
  }

  /** The version of the latest applied migration, or "none". */
  public String currentVersion() {
    MigrationInfo current = flyway.info().current();
    return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
  }

  /** The version of the latest migration this build carries. */
  public String latestVersion() {
    MigrationInfo[] all = flyway.info().all();
    String latest = "none";
    for (MigrationInfo info : all) {
      if (info.getVersion() != null) {
        latest = info.getVersion().getVersion();
      }
    }
    return latest;
  }
}
