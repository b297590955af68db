package io.bookpay.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Two installs in two schemas of one database: each sees only its own rows, and dropping one
 * install's schema leaves the other whole, exclusion constraints included, because the extensions
 * they need live in bookpay_extensions rather than in whichever schema migrated first.
 */
class SideBySideInstallsIntegrationTest {

  private static final String TENANT = "INSERT INTO tenants (id, name, created_at) VALUES (gen_random_uuid(), '%s', now())";

  @Test
  void twoSchemasDoNotSeeEachOtherAndOneCanBeDropped() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      new Migrations(db.target("first")).migrate();
      new Migrations(db.target("second")).migrate();
      db.execute("SET search_path TO first; " + TENANT.formatted("in first"));
      db.execute("SET search_path TO second; " + TENANT.formatted("in second") + "; " + TENANT.formatted("also second"));

      assertThat(names(db, "first")).isEqualTo("in first");
      assertThat(names(db, "second")).isEqualTo("also second,in second");

      db.execute("DROP SCHEMA first CASCADE");

      assertThat(CliRun.of("drift", db.cliOptions("second")).exit()).isZero();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("SET search_path TO second");
        assertThat(count(st, "SELECT count(*) FROM pg_constraint WHERE conname = 'bookings_no_overlap' "
            + "AND connamespace = 'second'::regnamespace")).isEqualTo(1);
        st.execute(BOOKING_ROWS);
        assertThatThrownBy(() -> st.execute(booking("b2")))
            .isInstanceOf(SQLException.class).hasMessageContaining("bookings_no_overlap");
      }
    }
  }

  private static String names(TestDatabase db, String schema) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("SET search_path TO " + schema);
      try (ResultSet rs = st.executeQuery("SELECT string_agg(name, ',' ORDER BY name) FROM tenants")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A tenant with one provider, service, location, customer and a confirmed booking 09:00-09:30. */
  private static final String BOOKING_ROWS = """
      INSERT INTO locations (id, tenant_id, name, time_zone, created_at, updated_at)
        SELECT '00000000-0000-0000-0000-000000000020', id, 'L', 'UTC', now(), now() FROM tenants LIMIT 1;
      INSERT INTO providers (id, tenant_id, name, created_at, updated_at)
        SELECT '00000000-0000-0000-0000-000000000030', tenant_id, 'P', now(), now() FROM locations;
      INSERT INTO services (id, tenant_id, name, duration_minutes, price_amount, currency, slot_interval_minutes, created_at, updated_at)
        SELECT '00000000-0000-0000-0000-000000000040', tenant_id, 'S', 30, 100, 'EUR', 15, now(), now() FROM locations;
      INSERT INTO customers (id, tenant_id, name, created_at, updated_at)
        SELECT '00000000-0000-0000-0000-000000000010', tenant_id, 'C', now(), now() FROM locations;
      """ + booking("b1");

  private static String booking(String notes) {
    return """
        INSERT INTO bookings (id, tenant_id, service_id, provider_id, location_id, customer_id, status, start_at, end_at,
                              blocked, price_amount, currency, notes, created_at, updated_at)
          SELECT gen_random_uuid(), tenant_id, '00000000-0000-0000-0000-000000000040', '00000000-0000-0000-0000-000000000030',
                 id, '00000000-0000-0000-0000-000000000010', 'CONFIRMED', '2026-02-02T09:00Z', '2026-02-02T09:30Z',
                 '[2026-02-02T09:00Z,2026-02-02T09:30Z)', 100, 'EUR', '%s', now(), now() FROM locations;
        """.formatted(notes);
  }
}
