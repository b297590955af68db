package io.bookpay.migrations.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule on a planted file: what fails, with which line, and what the lint lets through. */
class MigrationLintTest {

  private final MigrationLint lint = new MigrationLint("7");

  @Test
  void notNullColumnWithoutDefaultOnAnExistingTableFails() {
    assertThat(lint("""
        -- a comment
        ALTER TABLE bookings ADD COLUMN room text NOT NULL;
        ALTER TABLE bookings ADD COLUMN seats integer NOT NULL DEFAULT 1;
        ALTER TABLE bookings ADD COLUMN note text;
        ALTER TABLE bookings
            ADD COLUMN a text,
            ADD COLUMN b text NOT NULL;
        """)).containsExactly(
            "V8__x.sql:2: ADD COLUMN ... NOT NULL without DEFAULT fails on existing rows of bookings; add it nullable (or with a DEFAULT), backfill, then SET NOT NULL",
            "V8__x.sql:7: ADD COLUMN ... NOT NULL without DEFAULT fails on existing rows of bookings; add it nullable (or with a DEFAULT), backfill, then SET NOT NULL");
  }

  @Test
  void aVolatileDefaultOnAnExistingTableFails() {
    assertThat(lint("""
        ALTER TABLE bookings ADD COLUMN code uuid NOT NULL DEFAULT gen_random_uuid();
        ALTER TABLE bookings ADD COLUMN seq bigserial;
        ALTER TABLE bookings ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now();
        """)).hasSize(2).allMatch(f -> f.contains(": ADD COLUMN with a volatile DEFAULT rewrites every row of bookings"))
        .extracting(f -> f.substring(0, f.indexOf(": ", 10))).containsExactly("V8__x.sql:1", "V8__x.sql:2");
  }

  @Test
  void indexWithoutConcurrentlyOnAnExistingTableFailsUnlessMarked() {
    assertThat(lint("""
        CREATE INDEX bookings_room_idx ON bookings (room);
        -- lint: allow bookings is empty until the rooms feature ships
        CREATE INDEX bookings_seat_idx ON bookings (seats);
        CREATE UNIQUE INDEX bookings_code_uq
            ON bookpay.bookings (code);
        """)).hasSize(2)
        .anyMatch(f -> f.startsWith("V8__x.sql:1: CREATE INDEX on existing table bookings without CONCURRENTLY"))
        .anyMatch(f -> f.startsWith("V8__x.sql:4: CREATE INDEX on existing table bookings without CONCURRENTLY"));
  }

  @Test
  void concurrentIndexNeedsItsFileOutsideATransaction() {
    String sql = "CREATE INDEX CONCURRENTLY bookings_room_idx ON bookings (room);\n";
    assertThat(lint(sql)).singleElement().asString()
        .startsWith("V8__x.sql:1: CREATE INDEX CONCURRENTLY cannot run in a transaction")
        .contains("V8__x.sql.conf holding executeInTransaction=false");
    assertThat(new MigrationLint("7").lint(List.of(new MigrationFile("V8__x.sql", "8", sql, "executeInTransaction=false\n"))))
        .isEmpty();
  }

  @Test
  void aTableCreatedAfterTheBaselineIsNewAndFreeToShape() {
    assertThat(lint("""
        CREATE TABLE rooms (id uuid PRIMARY KEY, name text NOT NULL);
        CREATE INDEX rooms_name_idx ON rooms (name);
        ALTER TABLE rooms ADD COLUMN floor integer NOT NULL;
        """)).isEmpty();
    List<MigrationFile> twoFiles = List.of(
        new MigrationFile("V9__b.sql", "9", "CREATE INDEX rooms_floor_idx ON rooms (floor);", null),
        new MigrationFile("V8__a.sql", "8", "CREATE TABLE IF NOT EXISTS rooms (id uuid, floor int);", null));
    assertThat(lint.lint(twoFiles)).isEmpty();
  }

  @Test
  void dropsRenamesAndTypeChangesNeedAMarker() {
    assertThat(lint("""
        ALTER TABLE bookings DROP COLUMN notes;
        ALTER TABLE bookings RENAME COLUMN notes TO remarks;
        ALTER TABLE bookings RENAME TO appointments;
        DROP TABLE IF EXISTS links;
        ALTER TABLE bookings ALTER COLUMN notes TYPE varchar(100);
        ALTER TABLE bookings ALTER notes SET DATA TYPE text;
        ALTER TABLE bookings DROP CONSTRAINT bookings_notes_check, ALTER COLUMN notes DROP NOT NULL;
        ALTER TABLE bookings RENAME CONSTRAINT a TO b;
        -- lint: allow contract step of the remarks rename; no release reads notes since 1.4
        ALTER TABLE bookings DROP COLUMN old_notes;
        """)).extracting(f -> f.substring(0, f.indexOf(": ", 10)))
        .containsExactly("V8__x.sql:1", "V8__x.sql:2", "V8__x.sql:3", "V8__x.sql:4", "V8__x.sql:5", "V8__x.sql:6");
  }

  @Test
  void aMarkerWithoutAReasonIsItselfAFinding() {
    assertThat(lint("""
        -- lint: allow
        DROP TABLE links;
        """)).containsExactly("V8__x.sql:1: -- lint: allow needs a reason");
  }

  @Test
  void commentsStringsAndFunctionBodiesAreNotStatements() {
    assertThat(lint("""
        /* DROP TABLE links; */
        -- ALTER TABLE bookings DROP COLUMN notes;
        INSERT INTO notes (text) VALUES ('DROP TABLE links; ALTER TABLE x RENAME TO y');
        DO $$ BEGIN PERFORM 1; END $$;
        """)).isEmpty();
  }

  @Test
  void releasedMigrationsAreNotLinted() {
    assertThat(lint.lint(List.of(new MigrationFile("V7__old.sql", "7", "DROP TABLE links;", null)))).isEmpty();
  }

  private List<String> lint(String sql) {
    return lint.lint(List.of(new MigrationFile("V8__x.sql", "8", sql, null))).stream().map(LintFinding::toString).toList();
  }
}
