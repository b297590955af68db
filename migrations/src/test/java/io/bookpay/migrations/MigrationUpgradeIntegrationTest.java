package io.bookpay.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookpay.migrations.schema.SchemaDiff;
import io.bookpay.migrations.schema.SchemaSnapshot;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migrations after the last release apply on top of a database that holds data written at
 * that release (fixtures/v7.sql), keep it, and end in the same schema as a fresh database.
 */
class MigrationUpgradeIntegrationTest {

  @Test
  void laterMigrationsApplyOverDataWrittenAtVersionSeven() throws Exception {
    try (TestDatabase db = new TestDatabase(); Connection c = db.connect(); Statement st = c.createStatement()) {
      Migrations migrations = new Migrations(db.target("bookpay"));
      migrations.migrateTo("7");
      st.execute("SET search_path TO bookpay");
      st.execute(fixture("fixtures/v7.sql"));
      // Where V2 put btree_gist in databases migrated before the extensions schema existed.
      st.execute("ALTER EXTENSION btree_gist SET SCHEMA bookpay");

      assertThat(migrations.migrate()).isPositive();

      assertThat(count(st, "SELECT count(*) FROM bookings WHERE status = 'CONFIRMED'")).isEqualTo(1);
      assertThat(count(st, "SELECT count(*) FROM invoices WHERE total = 4500")).isEqualTo(1);
      // The columns V10 added read a time on old rows, never null.
      for (String table : List.of("provider_locations", "provider_services", "working_hours", "invoice_line_items",
          "document_contents", "analytics_daily")) {
        assertThat(count(st, "SELECT count(*) FROM " + table + " WHERE created_at IS NOT NULL")).as(table).isEqualTo(1);
      }
      // updated_at follows an update made by code that does not know about it.
      st.execute("UPDATE gift_cards SET updated_at = '2000-01-01Z'");
      st.execute("UPDATE gift_cards SET balance = 9000");
      assertThat(count(st, "SELECT count(*) FROM gift_cards WHERE updated_at > '2026-01-01Z'")).isEqualTo(1);
      // btree_gist moved schemas under the exclusion constraint, which still holds.
      assertThat(count(st, "SELECT count(*) FROM pg_extension WHERE extname = 'btree_gist' "
          + "AND extnamespace = 'bookpay_extensions'::regnamespace")).isEqualTo(1);
      assertThatThrownBy(() -> st.execute("""
          INSERT INTO bookings (id, tenant_id, service_id, provider_id, location_id, customer_id, status, start_at, end_at,
                                blocked, hold_expires_at, price_amount, currency, created_at, updated_at)
          SELECT gen_random_uuid(), tenant_id, service_id, provider_id, location_id, customer_id, 'HELD', start_at, end_at,
                 blocked, now(), price_amount, currency, now(), now() FROM bookings"""))
          .isInstanceOf(SQLException.class).hasMessageContaining("bookings_no_overlap");

      List<String> upgraded = SchemaCommands.capture(db.target("bookpay"));
      List<String> snapshot = SchemaDiff.linesOf(new String(resource(SchemaSnapshot.RESOURCE), StandardCharsets.UTF_8));
      SchemaDiff diff = SchemaDiff.between(snapshot, upgraded);
      assertThat(diff.isEmpty()).as("an upgraded database differs from a fresh one:%n%s", diff.render()).isTrue();
    }
  }

  private static String fixture(String name) throws Exception {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = MigrationUpgradeIntegrationTest.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
