package dev.modmirror.ingest.index;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half
 * and all of {@code min(max, first * 2^(n-1))}, so replicas that failed together do not retry in
 * step.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private final DoubleSupplier random;
  private int failures;

  Backoff(Duration first, Duration max, DoubleSupplier random) {
    this.first = first;
    this.max = max;
    this.random = random;
  }

  /** The pause after one more failure. */
  Duration next() {
    failures = Math.min(failures + 1, 40);
    long ceiling = first.toMillis();
    for (int i = 1; i < failures && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    return Duration.ofMillis((long) (ceiling * (0.5 + random.getAsDouble() / 2)));
  }

  void reset() {
    failures = 0;
  }
}
