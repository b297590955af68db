package io.bookpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/**
 * Checks a status type against its lifecycle written as a table: the table names every status,
 * every (from, to) pair is allowed exactly when the table says so, {@code next} lists exactly the
 * allowed steps, and no status moves to itself. No database.
 */
public final class StatusTable {

  private StatusTable() {}

  public static <S extends Enum<S>> void holds(Class<S> type, Map<S, Set<S>> allowed, BiPredicate<S, S> canMoveTo,
      Function<S, Set<S>> next) {
    Set<S> statuses = EnumSet.allOf(type);
    assertThat(allowed.keySet()).as("the table names every status").containsExactlyInAnyOrderElementsOf(statuses);
    SoftAssertions softly = new SoftAssertions();
    int pairs = 0;
    for (S from : statuses) {
      for (S to : statuses) {
        softly.assertThat(canMoveTo.test(from, to)).as("%s -> %s", from, to).isEqualTo(allowed.get(from).contains(to));
        pairs++;
      }
      softly.assertThat(next.apply(from)).as("next of %s", from).isEqualTo(allowed.get(from));
      softly.assertThat(canMoveTo.test(from, from)).as("%s -> itself", from).isFalse();
    }
    softly.assertAll();
    assertThat(pairs).isEqualTo(statuses.size() * statuses.size());
  }
}
