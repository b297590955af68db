package io.bookpay.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * House rules of the schema, checked on a freshly migrated database so a new table breaks the build
 * instead of a review: indexed foreign keys, creation and update times, one mechanism for statuses.
 * Exceptions are listed here with their reason; a new one needs a reason as good.
 */
class SchemaConsistencyIntegrationTest {

  /**
   * Parents that are never deleted nor re-keyed (tenants are not removed; API keys are revoked,
   * not deleted), so a foreign key to them never scans the child, and no query looks rows up by
   * them alone: an index would only slow every insert. Mostly the created_by/updated_by audit columns.
   */
  private static final Set<String> UNINDEXED_PARENTS = Set.of("tenants", "api_keys");

  /** Tables whose creation time has another name, given when the table was designed. */
  private static final Map<String, String> CREATED_AT_ALIASES = Map.of(
      "booking_status_history", "at",
      "claim_status_history", "at",
      "gift_card_ledger", "at",
      "package_redemptions", "at",
      "processed_events", "processed_at",
      "webhook_inbox", "received_at");

  /** Tables whose rows are written once (or deleted and written again), never updated. */
  private static final Set<String> APPEND_ONLY = Set.of(
      "analytics_booking_activity", "analytics_claim_activity", "analytics_events", "analytics_provider_hours", "booking_status_history",
      "claim_status_history", "claim_documents", "claim_items",
      "coupon_redemptions", "document_contents", "finance_claim_moves", "finance_gift_card_moves",
      "finance_money_line_kinds", "finance_package_moves", "finance_packages", "gift_card_ledger", "invoice_line_items", "membership_tiers",
      "package_definitions", "package_redemptions", "processed_events", "provider_locations", "provider_services",
      "time_off", "working_hours",
      // A booking made on a link's page: its token and consent as given at booking time.
      "link_page_bookings");

  /**
   * Tables whose rows change once, and that change carries its own time: api_keys and
   * webhook_secrets are revoked (revoked_at), the outbox is published (published_at), an
   * idempotency key completes within its request and expires (locked_until, expires_at), a refund's
   * reversal is undone when the refund fails (restored_at), a dashboard session's only change is
   * being seen again (last_seen_at).
   */
  private static final Set<String> CHANGE_HAS_ITS_OWN_TIME =
      Set.of("api_keys", "webhook_secrets", "outbox", "idempotency_keys", "refund_reversals", "dashboard_sessions");

  /** Status columns that are copies of a status already checked on its row; a second list would drift. */
  private static final Set<String> UNCHECKED_STATUS_COPIES = Set.of(
      "booking_status_history.from_status", "booking_status_history.to_status",
      "claim_status_history.from_status", "claim_status_history.to_status");

  private static TestDatabase db;
  private static Connection connection;

  @BeforeAll
  static void migrate() throws SQLException {
    db = new TestDatabase();
    new Migrations(db.target("bookpay")).migrate();
    connection = db.connect();
  }

  @AfterAll
  static void drop() throws SQLException {
    connection.close();
    db.close();
  }

  @Test
  void everyForeignKeyHasAnIndexLeadingWithItsColumns() throws SQLException {
    List<String> unindexed = strings("""
        SELECT k.conrelid::regclass::text || '.' || k.conname || ' -> ' || k.confrelid::regclass::text
        FROM pg_constraint k
        WHERE k.contype = 'f' AND k.connamespace = 'bookpay'::regnamespace
          AND NOT EXISTS (
            SELECT 1 FROM pg_index i
            WHERE i.indrelid = k.conrelid
              AND (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey
              AND k.conkey @> (i.indkey::int2[])[0:cardinality(k.conkey) - 1])
        ORDER BY 1""");
    assertThat(unindexed.stream().filter(fk -> !UNINDEXED_PARENTS.contains(parent(fk))).toList())
        .as("foreign keys without an index (add one CONCURRENTLY, see migrations/README.md)")
        .isEmpty();
  }

  @Test
  void everyTableHasCreatedAtAndUpdatedAtWhereRowsChange() throws SQLException {
    List<String> tables = strings("SELECT relname FROM pg_class WHERE relnamespace = 'bookpay'::regnamespace "
        + "AND relkind IN ('r', 'p') AND relname <> 'flyway_schema_history' ORDER BY 1");
    List<String> noCreatedAt = new ArrayList<>();
    List<String> noUpdatedAt = new ArrayList<>();
    for (String table : tables) {
      if (!hasTimestamp(table, CREATED_AT_ALIASES.getOrDefault(table, "created_at"))) {
        noCreatedAt.add(table);
      }
      if (!APPEND_ONLY.contains(table) && !CHANGE_HAS_ITS_OWN_TIME.contains(table) && !hasTimestamp(table, "updated_at")) {
        noUpdatedAt.add(table);
      }
    }
    assertThat(noCreatedAt).as("tables without a created_at timestamptz NOT NULL").isEmpty();
    assertThat(noUpdatedAt).as("tables whose rows change without an updated_at timestamptz NOT NULL "
        + "(or list the table as append-only in this test, with the reason)").isEmpty();
  }

  /**
   * Statuses are text with a CHECK listing the values, not enum types: adding a value to a CHECK is
   * a short, transactional migration (drop and re-add NOT VALID, then VALIDATE), while a value added
   * to an enum cannot be used in the transaction that adds it and can never be removed; and the
   * R2DBC driver reads text with no per-type codec.
   */
  @Test
  void statusColumnsAreTextWithACheckConstraint() throws SQLException {
    assertThat(strings("SELECT typname FROM pg_type WHERE typnamespace = 'bookpay'::regnamespace AND typtype = 'e'"))
        .as("enum types (use text with a CHECK)").isEmpty();
    List<String> unchecked = strings("""
        SELECT c.relname || '.' || a.attname
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'bookpay'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND (a.attname = 'status' OR a.attname LIKE '%\\_status') AND a.attgenerated = ''
          AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c'
                          AND a.attnum = ANY (k.conkey))
        ORDER BY 1""");
    assertThat(unchecked.stream().filter(column -> !UNCHECKED_STATUS_COPIES.contains(column)).toList())
        .as("status columns without a CHECK constraint listing their values").isEmpty();
  }

  private boolean hasTimestamp(String table, String column) throws SQLException {
    return !strings("SELECT attname FROM pg_attribute WHERE attrelid = 'bookpay." + table + "'::regclass "
        + "AND attname = '" + column + "' AND atttypid = 'timestamptz'::regtype AND attnotnull AND NOT attisdropped").isEmpty();
  }

  private static String parent(String foreignKey) {
    String target = foreignKey.substring(foreignKey.indexOf(" -> ") + 4);
    return target.substring(target.lastIndexOf('.') + 1);
  }

  private static List<String> strings(String sql) throws SQLException {
    List<String> result = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        result.add(rs.getString(1));
      }
    }
    return result;
  }
}
