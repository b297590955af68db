package io.bookpay.demo;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The seeded past as steps in time order: each runs with the {@link SeedClock} moved to its
 * instant. A step may add later ones (a hold's expiry, known once the hold is made); steps at one
 * instant run in the order they were added.
 */
final class Timeline {

  private record Step(Instant at, long seq, Runnable action) {}

  private final PriorityQueue<Step> steps = new PriorityQueue<>(Comparator.comparing(Step::at).thenComparingLong(Step::seq));
  private long added;

  void add(Instant at, Runnable action) {
    steps.add(new Step(at, added++, action));
  }

  /** Runs every step before {@code end} in time order; later ones are dropped. How many ran. */
  long run(SeedClock clock, Instant end) {
    long ran = 0;
    for (Step step = steps.poll(); step != null && step.at().isBefore(end); step = steps.poll()) {
      clock.advanceTo(step.at());
      step.action().run();
      ran++;
    }
    steps.clear();
    return ran;
  }
}
