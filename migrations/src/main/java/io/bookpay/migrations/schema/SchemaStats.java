package io.bookpay.migrations.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of a schema's objects and the rows of each table: a quick audit after migrating or
 * seeding, and a number to compare between two installs.
 */
public record SchemaStats(Map<String, Long> objects, Map<String, Long> rows) {

  /** @param schema a plain lower-case identifier (checked by DatabaseTarget), so it is spliced in as is */
  public static SchemaStats of(Connection connection, String schema) throws SQLException {
    Map<String, Long> objects = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    String tables = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE n.nspname = '" + schema + "' AND c.relkind IN ('r', 'p') AND c.relname <> 'flyway_schema_history'";
    try (Statement st = connection.createStatement()) {
      objects.put("tables", count(st, "SELECT count(*) FROM (" + tables + ") t"));
      objects.put("columns", count(st, "SELECT count(*) FROM pg_attribute WHERE attrelid IN (" + tables
          + ") AND attnum > 0 AND NOT attisdropped"));
      objects.put("indexes", count(st, "SELECT count(*) FROM pg_index WHERE indrelid IN (" + tables + ")"));
      objects.put("foreign keys", constraints(st, tables, 'f'));
      objects.put("unique constraints", constraints(st, tables, 'u'));
      objects.put("check constraints", constraints(st, tables, 'c'));
      objects.put("exclusion constraints", constraints(st, tables, 'x'));
      try (ResultSet rs = st.executeQuery("SELECT relname FROM pg_class WHERE oid IN (" + tables + ") ORDER BY relname")) {
        while (rs.next()) {
          rows.put(rs.getString(1), null);
        }
      }
      for (String table : rows.keySet()) {
        rows.put(table, count(st, "SELECT count(*) FROM " + schema + ".\"" + table + "\""));
      }
    }
    return new SchemaStats(objects, rows);
  }

  private static long constraints(Statement st, String tables, char type) throws SQLException {
    return count(st, "SELECT count(*) FROM pg_constraint WHERE contype = '" + type + "' AND conrelid IN (" + tables + ")");
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
