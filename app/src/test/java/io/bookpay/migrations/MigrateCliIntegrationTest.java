package io.bookpay.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.migrations.lint.MigrationSources;
import io.bookpay.testsupport.Infrastructure;
import io.bookpay.testsupport.Sql;
import io.bookpay.testsupport.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Migrate CLI against a database given by URL, in a schema of its own. */
class MigrateCliIntegrationTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void migratesReportsAndCatchesDrift() {
    Infrastructure.Database db = TestInfrastructure.get().database();
    String schema = TestInfrastructure.get().isolatedSchema("cli");
    String[] target = {"--url", db.jdbcUrl(), "--user", db.user(), "--password", db.password(), "--schema", schema};

    assertThat(run("validate", target)).isEqualTo(1); // nothing applied yet: all migrations pending
    assertThat(run("migrate", target)).as(err()).isZero();
    // Every versioned file on the classpath, whatever number later releases bring.
    assertThat(out()).contains("applied " + MigrationSources.fromClasspath().size() + " migration(s)");
    assertThat(run("migrate", target)).isZero();
    assertThat(out()).contains("applied 0 migration(s)");
    assertThat(run("info", target)).isZero();
    assertThat(out()).containsPattern("1\\s+foundation\\s+Success").containsPattern("2\\s+catalog and bookings\\s+Success")
        .containsPattern("3\\s+links\\s+Success").containsPattern("4\\s+money\\s+Success")
        .containsPattern("5\\s+webhooks\\s+Success").containsPattern("6\\s+claims\\s+Success")
        .containsPattern("7\\s+idempotency effects\\s+Success").containsPattern("10\\s+schema consistency\\s+Success");
    assertThat(run("validate", target)).isZero();
    assertThat(run("drift", target)).as(err()).isZero();
    assertThat(out()).contains("matches the snapshot");

    Sql sql = Sql.of(schema);
    assertThat(sql.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'outbox'", schema)).isEqualTo(1);
    sql.update("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    assertThat(run("validate", target)).isEqualTo(1);
    assertThat(err()).contains("drift");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(Migrate.run(new String[] {"fly"}, Map.of("BOOKPAY_DB_URL", "jdbc:postgresql://127.0.0.1/x"), print(out), print(err))).isEqualTo(2);
    assertThat(Migrate.run(new String[] {"migrate"}, Map.of(), print(out), print(err))).isEqualTo(2);
    assertThat(err()).contains("usage:");
  }

  private int run(String command, String[] target) {
    out.reset();
    err.reset();
    String[] args = new String[target.length + 1];
    args[0] = command;
    System.arraycopy(target, 0, args, 1, target.length);
    return Migrate.run(args, Map.of(), print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream stream) {
    return new PrintStream(stream, true, StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
