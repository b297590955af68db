package io.bookpay.migrations.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's gate: every migration after the recorded baseline (db/migration-lint.properties)
 * passes the safe-change lint. Reads the source files, so a new file fails here before it ships.
 */
class UnreleasedMigrationsLintTest {

  @Test
  void migrationsAfterTheBaselineAreSafe() {
    List<MigrationFile> files = MigrationSources.fromDirectory(Path.of("src/main/resources/db/migration"));
    List<LintFinding> findings = new MigrationLint(MigrationSources.baseline()).lint(files);
    assertThat(findings)
        .as("unsafe changes in migrations after version %s (see migrations/README.md, \"Changing a live schema\"):%n%s",
            MigrationSources.baseline(), String.join("\n", findings.stream().map(LintFinding::toString).toList()))
        .isEmpty();
  }
}
