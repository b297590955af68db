package io.bookpay.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database and the schema Bookpay lives in.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/bookpay}
 * @param schema an unquoted lower-case identifier, so it needs no quoting anywhere
 */
public record DatabaseTarget(String jdbcUrl, String user, String password, String schema) {

  public static final String DEFAULT_SCHEMA = "bookpay";
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public DatabaseTarget {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("expected a jdbc:postgresql: URL, got " + jdbcUrl);
    }
    schema = schema == null || schema.isBlank() ? DEFAULT_SCHEMA : schema;
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a lower-case identifier ([a-z_][a-z0-9_]*), got " + schema);
    }
  }

  /** A plain JDBC connection for reading the catalog; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }
}
