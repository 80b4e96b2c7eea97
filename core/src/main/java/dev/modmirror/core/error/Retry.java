package dev.modmirror.core.error;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries a step on {@link TransientException} with exponential backoff; every other failure ends
 * at once. Kept deliberately small: consumers retry in place, so a bounded attempt count keeps a
 * dead dependency from stalling a partition forever.
 */
public final class Retry {
  private final int attempts;
  private final Duration firstDelay;

  private Retry(int attempts, Duration firstDelay) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    this.attempts = attempts;
    this.firstDelay = firstDelay;
  }

  public static Retry of(int attempts, Duration firstDelay) {
    return new Retry(attempts, firstDelay);
  }

  /**
   * Runs {@code step} up to the configured number of attempts.
   *
   * @throws TransientException the last transient failure once attempts are exhausted, or when
   *     interrupted while waiting
   */
  public <T> T run(Supplier<T> step) {
    long delay = firstDelay.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (TransientException e) {
        if (attempt >= attempts) {
          throw e;
        }
        sleep(delay, e);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  private static void sleep(long millis, TransientException cause) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while backing off", null, null, cause);
    }
  }
}
