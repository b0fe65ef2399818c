package dev.invitegate.runtime;

import java.time.Duration;

/**
 * A wait that doubles with each attempt, up to a ceiling: a retry of something that failed for a
 * while should neither hammer it nor wait longer than the ceiling once it is back.
 *
 * @param first the wait after the first failure
 * @param max the ceiling
 */
public record Backoff(Duration first, Duration max) {

  public Backoff {
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 <= first <= max");
    }
  }

  /** The wait after {@code failures} earlier failures: {@code first} after none. */
  public Duration after(long failures) {
    long doublings = Math.max(0, Math.min(failures, 20));
    Duration wait = first.multipliedBy(1L << doublings);
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
