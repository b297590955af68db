package io.bookpay.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Finds a real PostgreSQL and a real Kafka for the tests and for the local run, in this order:
 *
 * <ol>
 *   <li>explicit configuration: {@code BOOKPAY_DB_URL} (+ {@code _USER}, {@code _PASSWORD}) and
 *       {@code BOOKPAY_KAFKA_BOOTSTRAP_SERVERS};
 *   <li>Testcontainers, when a Docker engine answers (for the local run, only after step 3);
 *   <li>PostgreSQL on 127.0.0.1:5432 (user postgres) and a KRaft broker inside this JVM;
 *   <li>embedded PostgreSQL binaries from Maven Central, when not running as root (PostgreSQL
 *       refuses root).
 * </ol>
 *
 * Tests get a database (or, on an explicitly given server, a schema) of their own, dropped when the
 * JVM exits. When nothing works, it fails with one message naming the ways to fix it; it never
 * hangs and never skips.
 */
public final class Infrastructure {

  private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
  private static final String LOCAL_HOST = "127.0.0.1";
  private static final int LOCAL_PORT = 5432;

  /** A database to run against, and the schema Bookpay's objects go in. */
  public record Database(String jdbcUrl, String user, String password, String schema, String source) {}

  /** Fresh per test run, or kept across local runs. */
  public enum Mode { TEST, LOCAL }

  private final List<Runnable> cleanups = new ArrayList<>();

  public Database database(Mode mode) {
    Map<String, String> env = System.getenv();
    String explicitUrl = env.get("BOOKPAY_DB_URL");
    String user = env.getOrDefault("BOOKPAY_DB_USER", "postgres");
    String password = env.getOrDefault("BOOKPAY_DB_PASSWORD", "");
    if (explicitUrl != null && !explicitUrl.isBlank()) {
      if (mode == Mode.LOCAL) {
        return new Database(explicitUrl, user, password, env.getOrDefault("BOOKPAY_DB_SCHEMA", "bookpay"), "BOOKPAY_DB_URL");
      }
      // Someone else's server: keep to a schema of our own and drop only that.
      String schema = "bookpay_test_" + shortId();
      cleanups.add(() -> execute(explicitUrl, user, password, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
      return new Database(explicitUrl, user, password, schema, "BOOKPAY_DB_URL (schema " + schema + ")");
    }
    // Tests prefer a throwaway container; a local run prefers the machine's own server, which keeps
    // its data between runs.
    if (mode == Mode.TEST && dockerAvailable()) {
      return container();
    }
    if (reachable(LOCAL_HOST, LOCAL_PORT)) {
      String admin = "jdbc:postgresql://" + LOCAL_HOST + ":" + LOCAL_PORT + "/postgres";
      String name = mode == Mode.LOCAL ? "bookpay" : "bookpay_test_" + shortId();
      if (mode == Mode.LOCAL) {
        createDatabaseIfMissing(admin, name);
      } else {
        execute(admin, "postgres", "", "CREATE DATABASE " + name);
        cleanups.add(() -> execute(admin, "postgres", "", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
      }
      String url = "jdbc:postgresql://" + LOCAL_HOST + ":" + LOCAL_PORT + "/" + name;
      return new Database(url, "postgres", "", "bookpay", "local PostgreSQL, database " + name);
    }
    if (mode == Mode.LOCAL && dockerAvailable()) {
      return container();
    }
    if (!isRoot()) {
      try {
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        cleanups.add(() -> closeQuietly(embedded));
        return new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "bookpay", "embedded PostgreSQL");
      } catch (IOException | RuntimeException e) {
        log.warn("Embedded PostgreSQL failed to start", e);
      }
    }
    throw new IllegalStateException(
        """
        No PostgreSQL for Bookpay. Fix it in one of three ways:
          1. point at a server: export BOOKPAY_DB_URL=jdbc:postgresql://host:5432/db (and BOOKPAY_DB_USER, BOOKPAY_DB_PASSWORD);
          2. start PostgreSQL on 127.0.0.1:5432 with user 'postgres' (e.g. pg_ctlcluster <version> main start);
          3. start a Docker engine (Testcontainers then runs PostgreSQL and Kafka),
             or run as a non-root user so embedded PostgreSQL binaries can start.""");
  }

  private Database container() {
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:16.4-alpine");
    container.start();
    cleanups.add(container::stop);
    return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "bookpay", "Testcontainers");
  }

  /** Kafka bootstrap servers: explicit, a container, or a broker started inside this JVM. */
  public String kafka(Mode mode, int localPort) {
    String explicit = System.getenv("BOOKPAY_KAFKA_BOOTSTRAP_SERVERS");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    if (mode == Mode.TEST && dockerAvailable()) {
      KafkaContainer container = new KafkaContainer("apache/kafka:4.1.0");
      container.start();
      cleanups.add(container::stop);
      return container.getBootstrapServers();
    }
    InJvmKafka broker = localPort == 0 ? InJvmKafka.start() : InJvmKafka.start(localPort, null);
    cleanups.add(broker::close);
    return broker.bootstrapServers();
  }

  /** Drops a schema a test created on the given database when the infrastructure closes. */
  public void dropSchemaAtClose(Database database, String schema) {
    cleanups.add(() -> execute(database.jdbcUrl(), database.user(), database.password(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /** Stops what was started and drops what was created, newest first. */
  public void close() {
    for (int i = cleanups.size() - 1; i >= 0; i--) {
      try {
        cleanups.get(i).run();
      } catch (RuntimeException e) {
        log.warn("Cleanup failed", e);
      }
    }
    cleanups.clear();
  }

  private static boolean dockerAvailable() {
    if ("false".equalsIgnoreCase(System.getenv("BOOKPAY_TESTCONTAINERS"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void createDatabaseIfMissing(String adminUrl, String name) {
    try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
        var rs = connection.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      if (!rs.next()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
    }
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("Close failed", e);
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
