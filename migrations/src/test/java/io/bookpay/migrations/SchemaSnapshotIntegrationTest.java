package io.bookpay.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookpay.migrations.schema.SchemaDiff;
import io.bookpay.migrations.schema.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A freshly migrated database matches the checked-in snapshot, and {@code drift} catches a change
 * made behind Flyway's back that {@code validate} cannot see. With
 * {@code -Dbookpay.snapshot.refresh=true} it rewrites the snapshot instead (see migrations/README.md).
 */
class SchemaSnapshotIntegrationTest {

  private static final Path SNAPSHOT = Path.of("src/main/resources", SchemaSnapshot.RESOURCE);

  private static TestDatabase db;
  private static Migrations migrations;

  @BeforeAll
  static void migrate() {
    db = new TestDatabase();
    migrations = new Migrations(db.target("bookpay"));
    migrations.migrate();
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void freshSchemaMatchesTheSnapshot() throws Exception {
    List<String> live = SchemaCommands.capture(db.target("bookpay"));
    if (Boolean.getBoolean("bookpay.snapshot.refresh")) {
      Files.writeString(SNAPSHOT, SchemaCommands.render(live, migrations.currentVersion()));
    }
    SchemaDiff diff = SchemaDiff.between(SchemaDiff.linesOf(Files.readString(SNAPSHOT)), live);
    assertThat(diff.isEmpty())
        .as("%s is stale: the migrations build a different schema (- snapshot only, + migrations only):%n%s"
            + "refresh it with:%n  %s%nand commit the file.", SNAPSHOT, diff.render(), SchemaCommands.REFRESH_COMMAND)
        .isTrue();
    assertThat(Files.readString(SNAPSHOT)).contains("# version: " + migrations.currentVersion());
  }

  @Test
  void driftReportsAChangeMadeBehindFlywaysBack() {
    String[] options = db.cliOptions("drifted");
    assertThat(CliRun.of("migrate", options).exit()).isZero();
    assertThat(CliRun.of("drift", options).exit()).isZero();

    db.execute("ALTER TABLE drifted.customers ALTER COLUMN name DROP NOT NULL");
    db.execute("ALTER TABLE drifted.bookings ADD COLUMN room text");
    db.execute("DROP INDEX drifted.links_tenant_idx");

    assertThat(CliRun.of("validate", options).exit()).as("checksums still match").isZero();
    CliRun drift = CliRun.of("drift", options);
    assertThat(drift.exit()).isEqualTo(1);
    assertThat(drift.err())
        .contains("drift: schema drifted")
        .contains("customers\n  - column name text not null\n  + column name text null\n")
        .contains("bookings\n  + column room text null\n")
        .contains("links\n  - index links_tenant_idx: CREATE INDEX links_tenant_idx ON links USING btree (tenant_id, id)\n");
  }

  @Test
  void statsCountTheSchemaAndItsRows() {
    String[] options = db.cliOptions("counted");
    assertThat(CliRun.of("migrate", options).exit()).isZero();
    db.execute("INSERT INTO counted.tenants (id, name, created_at) VALUES (gen_random_uuid(), 'a', now()), (gen_random_uuid(), 'b', now())");

    CliRun stats = CliRun.of("stats", options);
    assertThat(stats.exit()).as(stats.err()).isZero();
    assertThat(stats.out())
        .containsPattern("tables\\s+\\d+")
        .containsPattern("foreign keys\\s+\\d+")
        .containsPattern("check constraints\\s+\\d+")
        .containsPattern("unique constraints\\s+\\d+")
        .containsPattern("indexes\\s+\\d+")
        .containsPattern("\\n  tenants\\s+2\\n")
        .containsPattern("\\n  bookings\\s+0\\n");
  }
}
