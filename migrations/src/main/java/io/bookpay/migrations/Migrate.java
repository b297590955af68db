package io.bookpay.migrations;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Command line for the schema against any database given by URL: {@code migrate}, {@code info},
 * {@code validate} (Flyway's checksums), {@code drift} (the live schema against the checked-in
 * snapshot), {@code stats}, {@code snapshot} and {@code lint} (no database needed). Options fall
 * back to the app's environment variables.
 *
 * <pre>
 * java -jar bookpay-migrations-*-cli.jar drift --url jdbc:postgresql://127.0.0.1:5432/bookpay --user postgres
 * </pre>
 */
public final class Migrate {

  static final String USAGE =
      """
      usage: migrate <migrate|info|validate|drift|stats|snapshot|lint> [options]
        --url JDBC_URL --user USER --password PASSWORD --schema SCHEMA
            defaults: BOOKPAY_DB_URL, BOOKPAY_DB_USER, BOOKPAY_DB_PASSWORD, BOOKPAY_DB_SCHEMA (default "bookpay")
        migrate  [--target VERSION] apply pending migrations (up to VERSION)
        drift    [--snapshot FILE]  compare the live schema with the snapshot (default: the one in this jar)
        snapshot [--out FILE]       write the live schema's snapshot (default: standard output)
        lint     [--dir DIR] [--baseline VERSION]  check migrations after the baseline; needs no database
                                    (default: the migrations and the baseline recorded in this jar)
      exit codes: 0 ok, 1 failed (validate, drift: the schema differs; lint: unsafe change), 2 usage error""";

  private static final Set<String> OPTIONS =
      Set.of("--url", "--user", "--password", "--schema", "--snapshot", "--out", "--dir", "--baseline", "--target");

  // Held so the level set on it is not lost when the logger is collected.
  private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

  private Migrate() {}

  public static void main(String[] args) {
    // Flyway logs every step at INFO through java.util.logging here; the commands print what matters.
    FLYWAY_LOG.setLevel(Level.WARNING);
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        positional.add(arg);
      } else if (!OPTIONS.contains(arg)) {
        err.println("unknown option " + arg + "\n" + USAGE);
        return 2;
      } else if (i + 1 >= args.length) {
        err.println("missing value for " + arg + "\n" + USAGE);
        return 2;
      } else {
        options.put(arg, args[++i]);
      }
    }
    if (positional.size() != 1) {
      err.println(USAGE);
      return 2;
    }
    String command = positional.get(0);
    if (command.equals("lint")) {
      return SchemaCommands.lint(options.get("--dir"), options.get("--baseline"), out, err);
    }
    String url = options.getOrDefault("--url", env.get("BOOKPAY_DB_URL"));
    if (url == null) {
      err.println("no database URL given\n" + USAGE);
      return 2;
    }
    try {
      DatabaseTarget target = new DatabaseTarget(url,
          options.getOrDefault("--user", env.getOrDefault("BOOKPAY_DB_USER", "postgres")),
          options.getOrDefault("--password", env.getOrDefault("BOOKPAY_DB_PASSWORD", "")),
          options.getOrDefault("--schema", env.get("BOOKPAY_DB_SCHEMA")));
      Migrations migrations = new Migrations(target);
      return switch (command) {
        case "migrate" -> {
          String version = options.get("--target");
          out.println("applied " + (version == null ? migrations.migrate() : migrations.migrateTo(version)) + " migration(s)");
          yield 0;
        }
        case "info" -> {
          printInfo(migrations.info(), out);
          yield 0;
        }
        case "validate" -> validate(migrations.validate(), out, err);
        case "drift" -> SchemaCommands.drift(target, migrations, options.get("--snapshot"), out, err);
        case "stats" -> SchemaCommands.stats(target, out);
        case "snapshot" -> SchemaCommands.snapshot(target, migrations, options.get("--out"), out);
        default -> {
          err.println("unknown command " + command + "\n" + USAGE);
          yield 2;
        }
      };
    } catch (IllegalArgumentException | FlywayException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static void printInfo(MigrationInfo[] infos, PrintStream out) {
    out.printf("%-8s %-40s %-10s %s%n", "version", "description", "state", "installed on");
    for (MigrationInfo info : infos) {
      out.printf(
          "%-8s %-40s %-10s %s%n",
          info.getVersion(),
          info.getDescription(),
          info.getState().getDisplayName(),
          info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant());
    }
  }

  private static int validate(ValidateResult result, PrintStream out, PrintStream err) {
    if (result.validationSuccessful) {
      out.println("schema matches the migrations");
      return 0;
    }
    result.invalidMigrations.forEach(
        invalid -> err.println("drift: " + invalid.version + " " + invalid.errorDetails.errorMessage));
    return 1;
  }
}
