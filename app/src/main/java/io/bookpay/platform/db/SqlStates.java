package io.bookpay.platform.db;

import io.r2dbc.spi.R2dbcException;
import java.util.Optional;

/** Reads PostgreSQL SQLSTATE codes out of whatever wrapped them. */
public final class SqlStates {

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  public static final String CHECK_VIOLATION = "23514";
  public static final String EXCLUSION_VIOLATION = "23P01";
  public static final String DEADLOCK_DETECTED = "40P01";
  public static final String SERIALIZATION_FAILURE = "40001";

  private SqlStates() {}

  public static Optional<String> of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
        return Optional.of(r2dbc.getSqlState());
      }
    }
    return Optional.empty();
  }

  public static boolean is(Throwable error, String sqlState) {
    return of(error).filter(sqlState::equals).isPresent();
  }

  /** The name of the constraint a violation names, when the driver reports one. */
  public static boolean isUniqueViolation(Throwable error) {
    return is(error, UNIQUE_VIOLATION);
  }

  public static Optional<String> constraint(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof io.r2dbc.postgresql.api.PostgresqlException pg) {
        return pg.getErrorDetails().getConstraintName();
      }
    }
    return Optional.empty();
  }
}
