package io.bookpay.migrations;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Command line for the schema: {@code migrate}, {@code info} or {@code validate} against any
 * database given by URL. Options fall back to the app's environment variables.
 *
 * <pre>
 * java -jar bookpay-migrations-*-cli.jar info --url jdbc:postgresql://127.0.0.1:5432/bookpay --user postgres
 * </pre>
 */
public final class Migrate {

  private static final String USAGE =
      """
      usage: migrate <migrate|info|validate> [--url JDBC_URL] [--user USER] [--password PASSWORD] [--schema SCHEMA]
        defaults: BOOKPAY_DB_URL, BOOKPAY_DB_USER, BOOKPAY_DB_PASSWORD, BOOKPAY_DB_SCHEMA (default schema "bookpay")
      exit codes: 0 ok, 1 failed (validate: drift found), 2 usage error""";

  private Migrate() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    String url = env.get("BOOKPAY_DB_URL");
    String user = env.getOrDefault("BOOKPAY_DB_USER", "postgres");
    String password = env.getOrDefault("BOOKPAY_DB_PASSWORD", "");
    String schema = env.get("BOOKPAY_DB_SCHEMA");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--")) {
        if (i + 1 >= args.length) {
          err.println("missing value for " + arg + "\n" + USAGE);
          return 2;
        }
        String value = args[++i];
        switch (arg) {
          case "--url" -> url = value;
          case "--user" -> user = value;
          case "--password" -> password = value;
          case "--schema" -> schema = value;
          default -> {
            err.println("unknown option " + arg + "\n" + USAGE);
            return 2;
          }
        }
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() != 1 || url == null) {
      err.println((url == null ? "no database URL given\n" : "") + USAGE);
      return 2;
    }
    try {
      Migrations migrations = new Migrations(new DatabaseTarget(url, user, password, schema));
      return switch (positional.get(0)) {
        case "migrate" -> {
          out.println("applied " + migrations.migrate() + " migration(s)");
          yield 0;
        }
        case "info" -> {
          printInfo(migrations.info(), out);
          yield 0;
        }
        case "validate" -> validate(migrations.validate(), out, err);
        default -> {
          err.println("unknown command " + positional.get(0) + "\n" + USAGE);
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
