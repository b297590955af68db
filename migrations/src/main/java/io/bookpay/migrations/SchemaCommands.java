package io.bookpay.migrations;

import io.bookpay.migrations.lint.LintFinding;
import io.bookpay.migrations.lint.MigrationFile;
import io.bookpay.migrations.lint.MigrationLint;
import io.bookpay.migrations.lint.MigrationSources;
import io.bookpay.migrations.schema.SchemaDiff;
import io.bookpay.migrations.schema.SchemaSnapshot;
import io.bookpay.migrations.schema.SchemaStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CLI commands that read the schema itself rather than Flyway's history: drift, stats, snapshot, lint. */
final class SchemaCommands {

  /** The one command that refreshes the checked-in snapshot from a freshly migrated database. */
  static final String REFRESH_COMMAND =
      "./mvnw -q -pl migrations test -Dtest=SchemaSnapshotIntegrationTest -Dbookpay.snapshot.refresh=true";

  private static final Pattern VERSION = Pattern.compile("(?m)^# version: (\\S+)$");

  private SchemaCommands() {}

  static int drift(DatabaseTarget target, Migrations migrations, String snapshotFile, PrintStream out, PrintStream err) {
    String snapshot = snapshotFile == null ? classpathSnapshot() : read(Path.of(snapshotFile));
    List<String> live = capture(target);
    SchemaDiff diff = SchemaDiff.between(SchemaDiff.linesOf(snapshot), live);
    Matcher version = VERSION.matcher(snapshot);
    String snapshotVersion = version.find() ? version.group(1) : "unknown";
    String databaseVersion = migrations.currentVersion();
    if (diff.isEmpty()) {
      out.println("schema " + target.schema() + " matches the snapshot of version " + snapshotVersion);
      return 0;
    }
    err.println("drift: schema " + target.schema() + " (migrated to version " + databaseVersion
        + ") differs from the snapshot of version " + snapshotVersion
        + " (- in the snapshot, missing here; + here, not in the snapshot):");
    err.print(diff.render());
    if (!databaseVersion.equals(snapshotVersion)) {
      err.println("the database is at another version than the snapshot: run `migrate` first, then `drift` again");
    }
    return 1;
  }

  static int stats(DatabaseTarget target, PrintStream out) {
    try (Connection connection = target.connect()) {
      SchemaStats stats = SchemaStats.of(connection, target.schema());
      out.println("schema " + target.schema());
      stats.objects().forEach((what, count) -> out.printf("  %-22s %d%n", what, count));
      out.println("rows per table");
      stats.rows().forEach((table, count) -> out.printf("  %-32s %d%n", table, count));
      return 0;
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  static int snapshot(DatabaseTarget target, Migrations migrations, String outFile, PrintStream out) {
    String text = render(capture(target), migrations.currentVersion());
    if (outFile == null) {
      out.print(text);
    } else {
      try {
        Files.writeString(Path.of(outFile), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println("wrote " + outFile);
    }
    return 0;
  }

  static int lint(String dir, String baseline, PrintStream out, PrintStream err) {
    List<MigrationFile> files = dir == null ? MigrationSources.fromClasspath() : MigrationSources.fromDirectory(Path.of(dir));
    String from = baseline == null ? MigrationSources.baseline() : baseline;
    List<LintFinding> findings = new MigrationLint(from).lint(files);
    if (findings.isEmpty()) {
      out.println("lint: " + files.size() + " migration(s), those after version " + from + " are safe");
      return 0;
    }
    findings.forEach(err::println);
    err.println("lint: " + findings.size() + " unsafe change(s) after version " + from + "; see migrations/README.md");
    return 1;
  }

  /** The snapshot file's text: a header saying what it is and how to refresh it, then the lines. */
  static String render(List<String> lines, String version) {
    StringBuilder text = new StringBuilder()
        .append("# The Bookpay schema after every migration up to the version below, read from a freshly\n")
        .append("# migrated database. `migrate drift` compares a live schema with it. Do not edit by hand; refresh:\n")
        .append("#   ").append(REFRESH_COMMAND).append('\n')
        .append("# version: ").append(version).append('\n');
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  static List<String> capture(DatabaseTarget target) {
    try (Connection connection = target.connect()) {
      return SchemaSnapshot.capture(connection, target.schema());
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String classpathSnapshot() {
    try (InputStream in = SchemaCommands.class.getClassLoader().getResourceAsStream(SchemaSnapshot.RESOURCE)) {
      if (in == null) {
        throw new IllegalArgumentException(SchemaSnapshot.RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
