package io.bookpay.migrations.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of one Bookpay schema as sorted text lines, one object a line, starting with its table:
 * extensions, tables, columns (type, nullability, default, identity), indexes, constraints and
 * triggers. Extensions count when they live in this schema or in {@code bookpay_extensions}, where
 * the migrations put them; others in the database belong to someone else. The schema's own name is left out, so installs in differently named schemas compare
 * equal; Flyway's history table is left out, it is bookkeeping, not schema.
 */
public final class SchemaSnapshot {

  /** The file name under {@code db/} on the classpath and in {@code migrations/src/main/resources}. */
  public static final String RESOURCE = "db/schema-snapshot.txt";

  private static final String HISTORY = "flyway_schema_history";

  private SchemaSnapshot() {}

  /**
   * Reads the schema's shape; sets the connection's search path to the schema for unqualified
   * names. {@code schema} is a plain lower-case identifier (checked by DatabaseTarget).
   */
  public static List<String> capture(Connection connection, String schema) throws SQLException {
    try (Statement st = connection.createStatement()) {
      // Definitions name objects unqualified when their schema is on the path.
      st.execute("SET search_path TO " + schema);
    }
    List<String> lines = new ArrayList<>();
    query(connection, schema, """
        SELECT '(database) | extension ' || e.extname || ' in schema ' ||
               CASE WHEN n.nspname = ? THEN '(this schema)' ELSE n.nspname END
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE n.nspname IN (?, 'bookpay_extensions')""", lines);
    query(connection, schema, """
        SELECT c.relname || ' | ' || CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                                   WHEN 'p' THEN 'partitioned table' ELSE 'table' END
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> '""" + HISTORY + "'", lines);
    query(connection, schema, """
        SELECT c.relname || ' | column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
               || CASE WHEN a.attgenerated = 's' THEN ' generated always as ' || pg_get_expr(d.adbin, d.adrelid) || ' stored'
                       WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END
               || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> '""" + HISTORY + """
        ' AND a.attnum > 0 AND NOT a.attisdropped""", lines);
    query(connection, schema, """
        SELECT t.relname || ' | index ' || i.relname || ': ' || pg_get_indexdef(i.oid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = ? AND t.relname <> '""" + HISTORY + "'", lines);
    query(connection, schema, """
        SELECT t.relname || ' | constraint ' || k.conname || ': ' || pg_get_constraintdef(k.oid)
        FROM pg_constraint k
        JOIN pg_class t ON t.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = ? AND t.relname <> '""" + HISTORY + "'", lines);
    query(connection, schema, """
        SELECT t.relname || ' | trigger ' || g.tgname || ': ' || pg_get_triggerdef(g.oid)
        FROM pg_trigger g
        JOIN pg_class t ON t.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = ? AND NOT g.tgisinternal""", lines);
    String qualifier = schema + ".";
    // One object a line: multi-line definitions (generated columns, CASE) fold to single spaces.
    return lines.stream().map(line -> line.replace(qualifier, "").replaceAll("\\s+", " ").strip()).sorted().toList();
  }

  private static void query(Connection connection, String schema, String sql, List<String> into)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
        ps.setString(i, schema);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          into.add(rs.getString(1));
        }
      }
    }
  }
}
