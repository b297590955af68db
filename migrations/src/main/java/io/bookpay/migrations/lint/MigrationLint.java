package io.bookpay.migrations.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Safe-change rules for migrations newer than the last released one (the baseline): a released
 * database holds data and serves traffic while they run, so a change that rewrites or locks a big
 * table, or breaks the code still running, fails the build with file and line.
 *
 * <p>A table created after the baseline is new: no released database has rows in it, so it may be
 * indexed, given NOT NULL columns or dropped freely. Anything else unsafe on purpose carries
 * {@code -- lint: allow <reason>} on the line above the statement (or inside it).
 */
public final class MigrationLint {

  private static final String NAME = "((?:\"[^\"]+\"|[a-z_][a-z0-9_$]*)(?:\\.(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*))?)";
  private static final Pattern CREATE_TABLE =
      Pattern.compile("^create\\s+(?:(?:global|local)\\s+)?(?:(?:temp|temporary|unlogged)\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME);
  private static final Pattern CREATE_INDEX = Pattern.compile("^create\\s+(?:unique\\s+)?index\\b");
  private static final Pattern INDEX_TABLE = Pattern.compile("\\son\\s+(?:only\\s+)?" + NAME);
  private static final Pattern CONCURRENTLY = Pattern.compile("^create\\s+(?:unique\\s+)?index\\s+concurrently\\b");
  private static final Pattern ALTER_TABLE =
      Pattern.compile("^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "\\s+");
  private static final Pattern DROP_TABLE = Pattern.compile("^drop\\s+table\\s+(?:if\\s+exists\\s+)?" + NAME);
  private static final Pattern RENAME = Pattern.compile("^rename\\s+(?:column\\s+)?(?!constraint\\b)");
  private static final Pattern ADD_COLUMN =
      Pattern.compile("^add\\s+(?!(?:constraint|primary|unique|check|foreign|exclude)\\b)");
  private static final Pattern DROP_COLUMN = Pattern.compile("^drop\\s+(?!(?:constraint)\\b)");
  private static final Pattern TYPE_CHANGE = Pattern.compile("^alter\\s+(?:column\\s+)?\\S+\\s+(?:set\\s+data\\s+)?type\\b");
  private static final Pattern NOT_NULL = Pattern.compile("\\bnot\\s+null\\b");
  private static final Pattern DEFAULT = Pattern.compile("\\bdefault\\b");
  // A volatile default is computed per row: PostgreSQL rewrites the whole table under an exclusive lock.
  private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
      "\\bdefault\\s+.*\\b(?:gen_random_uuid|uuid_generate_v\\w*|random|clock_timestamp|timeofday|nextval)\\s*\\(|\\b(?:small|big)?serial\\b");
  private static final Pattern MARKER = Pattern.compile("--\\s*lint:\\s*allow\\b(.*)", Pattern.CASE_INSENSITIVE);

  private final String baseline;

  /** @param baseline the version of the last released migration; later files are linted */
  public MigrationLint(String baseline) {
    this.baseline = baseline;
  }

  public List<LintFinding> lint(List<MigrationFile> files) {
    List<MigrationFile> unreleased = files.stream()
        .filter(f -> MigrationFile.compareVersions(f.version(), baseline) > 0)
        .sorted(MigrationFile.BY_VERSION)
        .toList();
    Set<String> newTables = new HashSet<>();
    List<LintFinding> findings = new ArrayList<>();
    for (MigrationFile file : unreleased) {
      new FileCheck(file, newTables, findings).run();
    }
    return findings;
  }

  /** The rules applied to one file, in statement order. */
  private static final class FileCheck {
    private final MigrationFile file;
    private final SqlScript script;
    private final Set<String> newTables;
    private final List<LintFinding> findings;

    FileCheck(MigrationFile file, Set<String> newTables, List<LintFinding> findings) {
      this.file = file;
      this.script = new SqlScript(file.text());
      this.newTables = newTables;
      this.findings = findings;
    }

    void run() {
      for (SqlScript.Statement statement : script.statements()) {
        String code = statement.code().toLowerCase(Locale.ROOT);
        Matcher created = CREATE_TABLE.matcher(code);
        if (created.find()) {
          newTables.add(table(created.group(1)));
        } else if (CREATE_INDEX.matcher(code).find()) {
          createIndex(statement, code);
        } else if (ALTER_TABLE.matcher(code).find()) {
          alterTable(statement, code);
        } else {
          Matcher dropped = DROP_TABLE.matcher(code);
          if (dropped.find() && !newTables.contains(table(dropped.group(1)))) {
            report(statement, 0, "DROP TABLE: code still running may read it; contract in a later release, "
                + "marked with -- lint: allow <reason>");
          }
        }
      }
    }

    private void createIndex(SqlScript.Statement statement, String code) {
      boolean concurrently = CONCURRENTLY.matcher(code).find();
      Matcher on = INDEX_TABLE.matcher(code);
      String table = on.find() ? table(on.group(1)) : "";
      if (concurrently && !file.runsOutsideTransaction()) {
        report(statement, 0, "CREATE INDEX CONCURRENTLY cannot run in a transaction: put it in a file of its own with "
            + file.name() + ".conf holding executeInTransaction=false");
      } else if (!concurrently && !newTables.contains(table)) {
        report(statement, 0, "CREATE INDEX on existing table " + table + " without CONCURRENTLY blocks its writes "
            + "while it builds; use CONCURRENTLY (see migrations/README.md) or mark -- lint: allow <reason>");
      }
    }

    private void alterTable(SqlScript.Statement statement, String code) {
      Matcher alter = ALTER_TABLE.matcher(code);
      alter.find();
      String table = table(alter.group(1));
      if (newTables.contains(table)) {
        return;
      }
      int offset = alter.end();
      for (String action : actions(code.substring(offset))) {
        String trimmed = action.strip();
        int at = offset + action.indexOf(trimmed);
        offset += action.length() + 1;
        if (RENAME.matcher(trimmed).find()) {
          report(statement, at, "RENAME on " + table + " breaks the code still running; expand with a new name, "
              + "migrate, contract later, marked with -- lint: allow <reason>");
        } else if (ADD_COLUMN.matcher(trimmed).find()) {
          if (NOT_NULL.matcher(trimmed).find() && !DEFAULT.matcher(trimmed).find()) {
            report(statement, at, "ADD COLUMN ... NOT NULL without DEFAULT fails on existing rows of " + table
                + "; add it nullable (or with a DEFAULT), backfill, then SET NOT NULL");
          } else if (VOLATILE_DEFAULT.matcher(trimmed).find()) {
            report(statement, at, "ADD COLUMN with a volatile DEFAULT rewrites every row of " + table
                + " under an exclusive lock; add it without one, set the default, backfill in batches");
          }
        } else if (TYPE_CHANGE.matcher(trimmed).find()) {
          report(statement, at, "column type change on " + table + " rewrites the table under an exclusive lock and "
              + "breaks the running code; add a new column instead (expand, migrate, contract)");
        } else if (DROP_COLUMN.matcher(trimmed).find()) {
          report(statement, at, "DROP COLUMN on " + table + ": code still running may read it; contract in a later "
              + "release, marked with -- lint: allow <reason>");
        }
      }
    }

    /** Splits "a, b (c, d), e" at the commas outside parentheses. */
    private static List<String> actions(String body) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      int start = 0;
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == ',' && depth == 0) {
          parts.add(body.substring(start, i));
          start = i + 1;
        }
      }
      parts.add(body.substring(start));
      return parts;
    }

    private void report(SqlScript.Statement statement, int offsetInStatement, String message) {
      int first = script.lineOf(statement.start());
      int last = script.lineOf(statement.start() + statement.code().length());
      for (int line = first - 1; line <= last; line++) {
        Matcher marker = MARKER.matcher(script.line(line));
        if (marker.find()) {
          if (marker.group(1).isBlank()) {
            findings.add(new LintFinding(file.name(), line, "-- lint: allow needs a reason"));
          }
          return;
        }
      }
      findings.add(new LintFinding(file.name(), script.lineOf(statement.start() + offsetInStatement), message));
    }

    /** A table's name without schema or quotes, as the rules compare it. */
    private static String table(String qualified) {
      String name = qualified.contains(".") ? qualified.substring(qualified.lastIndexOf('.') + 1) : qualified;
      return name.replace("\"", "");
    }
  }
}
