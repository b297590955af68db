package io.bookpay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's pgbench scripts ({@code bench/burst/*.pgbench.in}) run the statements the
 * application sends: they name SQL files ({@code \sql FILE}) that a repository loads through
 * {@code SqlFile}, and pgbench splits a script at semicolons and reads {@code :name} as its
 * variables, so a statement file must hold one statement and nothing pgbench would misread. The
 * one script copied by hand ({@code webhook-inbox.pgbench}) is compared with its source.
 */
class BenchScriptsTest {

  private static final Path ROOT = TableOwnershipTest.repository();
  private static final Path SQL = ROOT.resolve("app/src/main/resources/io/bookpay");

  @Test
  void theScriptsNameStatementsTheApplicationLoads() {
    List<String> named = new ArrayList<>();
    try (Stream<Path> templates = Files.list(ROOT.resolve("bench/burst"))) {
      templates.filter(f -> f.toString().endsWith(".pgbench.in")).forEach(template -> read(template).lines()
          .filter(line -> line.startsWith("\\sql ")).map(line -> line.split("\\s+")[1])
          // Statements the application composes in code are written under bench/ (ComposedStatementTest).
          .filter(file -> !file.startsWith("bench/")).forEach(named::add));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(named).as("statements the pgbench scripts run").isNotEmpty();
    Set<String> loaded = loadedFiles();
    assertThat(loaded).as("statement files a repository loads with SqlFile.load").containsAll(named);
  }

  @Test
  void everyStatementFileIsLoadedAndIsOneStatement() {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> all = Files.walk(SQL)) {
      all.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
        files.add(SQL.relativize(f).toString().replace(java.io.File.separatorChar, '/'));
        assertThat(read(f).strip()).as(f + ": one statement, without a semicolon").doesNotContain(";");
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(loadedFiles()).as("statement files nobody loads").containsAll(files);
  }

  /**
   * The webhook ingest's pgbench script copies its statement by hand (the application keeps it inline
   * in WebhookInbox.java, not in a statement file): its insert and conflict target must still be the
   * application's.
   */
  @Test
  void theWebhookInboxScriptInsertsAsTheApplication() {
    List<String> script = read(ROOT.resolve("bench/burst/webhook-inbox.pgbench")).lines()
        .filter(line -> line.startsWith("INSERT INTO ") || line.startsWith("ON CONFLICT "))
        .map(line -> line.replace("bookpay.", "")).toList();
    assertThat(script).as("the script's insert and conflict clause").hasSize(2);
    String application = read(ROOT.resolve("app/src/main/java/io/bookpay/webhook/WebhookInbox.java"));
    assertThat(application).as("WebhookInbox.java holds the statement bench/burst/webhook-inbox.pgbench copies")
        .contains(script.get(0)).contains(script.get(1));
  }

  /** {@code package/name.sql} for each {@code SqlFile.load(X.class, "name.sql")} in the sources, by the source's package. */
  private static Set<String> loadedFiles() {
    Set<String> loaded = new TreeSet<>();
    Path sources = ROOT.resolve("app/src/main/java/io/bookpay");
    java.util.regex.Pattern load = java.util.regex.Pattern.compile("SqlFile\\.load\\(\\w+\\.class, \"([^\"]+)\"\\)");
    try (Stream<Path> all = Files.walk(sources)) {
      all.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
        java.util.regex.Matcher m = load.matcher(read(f));
        String dir = sources.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '/');
        while (m.find()) {
          loaded.add(dir + "/" + m.group(1));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return loaded;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
