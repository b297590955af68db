package io.bookpay.projection;

import io.bookpay.platform.db.DatabaseUnavailable;
import io.bookpay.platform.db.SqlStates;
import java.time.DateTimeException;
import java.util.Optional;

/**
 * Tells an event that cannot be applied (a poison event: it is parked and its partition moves on)
 * from a failure that says nothing about the event and passes (the batch is retried whole, with
 * backoff, and nothing is parked). Poison: the database refused the event's data (SQLSTATE class 22,
 * data exception, or 23, integrity constraint), or the projection could not read it (a missing
 * field, a value out of range, an unknown time zone). Anything else, a lost connection, a timeout,
 * a deadlock, a syntax error in the projection's own SQL, is not the event's fault: parking every
 * event behind a broken deploy would empty the projection into the dead-letter table.
 */
final class ApplyFailures {

  private ApplyFailures() {}

  static boolean isPoison(Throwable error) {
    if (DatabaseUnavailable.is(error)) {
      return false;
    }
    Optional<String> state = SqlStates.of(error);
    if (state.isPresent()) {
      return state.get().startsWith("22") || state.get().startsWith("23");
    }
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NullPointerException || t instanceof IllegalArgumentException || t instanceof DateTimeException
          || t instanceof ClassCastException || t instanceof ArithmeticException || t instanceof IndexOutOfBoundsException) {
        return true;
      }
    }
    return false;
  }

  /** A short, single-line account of the failure for the dead-letter row. */
  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    String line = message.replaceAll("\\s+", " ").trim();
    return line.length() > 2000 ? line.substring(0, 2000) : line;
  }
}
