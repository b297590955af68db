package io.bookpay.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of a test's own, named {@code bookpay_test_<random>} and dropped on close, on the
 * server of {@code BOOKPAY_TEST_PG} (host:port), else the one {@code BOOKPAY_DB_URL} names, else
 * {@code 127.0.0.1:5432}; user {@code BOOKPAY_DB_USER} (default postgres).
 */
final class TestDatabase implements AutoCloseable {

  private static final String SERVER = server();
  private static final String USER = System.getenv().getOrDefault("BOOKPAY_DB_USER", "postgres");
  private static final String PASSWORD = System.getenv().getOrDefault("BOOKPAY_DB_PASSWORD", "");

  private static String server() {
    String explicit = System.getenv("BOOKPAY_TEST_PG");
    String url = System.getenv("BOOKPAY_DB_URL");
    if (explicit != null) {
      return explicit;
    }
    if (url != null && url.startsWith("jdbc:postgresql://")) {
      String rest = url.substring("jdbc:postgresql://".length());
      return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    }
    return "127.0.0.1:5432";
  }

  private final String name = "bookpay_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

  TestDatabase() {
    admin("CREATE DATABASE " + name);
  }

  String url() {
    return "jdbc:postgresql://" + SERVER + "/" + name;
  }

  DatabaseTarget target(String schema) {
    return new DatabaseTarget(url(), USER, PASSWORD, schema);
  }

  /** The CLI options that point at this database and schema. */
  String[] cliOptions(String schema) {
    return new String[] {"--url", url(), "--user", USER, "--password", PASSWORD, "--schema", schema};
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, PASSWORD);
  }

  void execute(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, PASSWORD);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + SERVER + " is needed by the migration tests: " + sql, e);
    }
  }
}
