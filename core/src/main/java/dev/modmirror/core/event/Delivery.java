package dev.modmirror.core.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Which delivery of an event a {@link Worker} is handling, and by when it must be done.
 *
 * @param attempt 1 for the first delivery; a retried event comes back with the next number
 * @param maxAttempts the consumption's bound ({@link RetryPolicy#maxAttempts()})
 * @param deadline when the bus interrupts the worker's thread; blocking calls then fail
 */
public record Delivery(int attempt, int maxAttempts, Instant deadline) {
  public Delivery {
    Objects.requireNonNull(deadline, "deadline");
    if (maxAttempts < 1 || attempt < 1 || attempt > maxAttempts) {
      throw new IllegalArgumentException(
          "attempt " + attempt + " of " + maxAttempts + " is not a delivery");
    }
  }

  /** True when no retry is left: the worker must record its outcome now, not retry later. */
  public boolean lastAttempt() {
    return attempt == maxAttempts;
  }
}
