package io.bookpay.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the test database over plain JDBC, as an operator with psql would. */
public final class Sql {

  private final Infrastructure.Database database;
  private final String schema;

  public Sql(Infrastructure.Database database, String schema) {
    this.database = database;
    this.schema = schema;
  }

  public static Sql of(String schema) {
    return new Sql(TestInfrastructure.get().database(), schema);
  }

  public long count(String sql, Object... args) {
    List<Map<String, Object>> rows = rows(sql, args);
    return ((Number) rows.get(0).values().iterator().next()).longValue();
  }

  public List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int c = 1; c <= columns; c++) {
            row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public int update(String sql, Object... args) {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A connection of its own in the test schema, for a test that holds a transaction or a lock open. */
  public Connection connection() throws SQLException {
    return connect();
  }

  private Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    connection.setSchema(schema);
    return connection;
  }
}
