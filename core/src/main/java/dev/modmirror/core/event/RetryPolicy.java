package dev.modmirror.core.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How often and how late a consumption's events are delivered again when a worker asks to {@link
 * Handled#retryLater retry later}: exponential backoff with jitter, a bounded number of attempts.
 * Retries wait outside the partition they came from (on retry topics, one per backoff tier), so a
 * retrying event never holds back the events behind it.
 *
 * @param maxAttempts deliveries in all, the first included; 1 means never retried
 * @param firstDelay the wait before the second attempt
 * @param maxDelay the longest wait: the delay doubles per attempt up to it
 * @param jitter each wait is spread uniformly by ± this share of it (0 to 1), so that versions
 *     failing together do not come back together
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, double jitter) {
  /** One attempt, no retry. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 0);

  /**
   * @throws IllegalArgumentException listing every invalid setting
   */
  public RetryPolicy {
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    List<String> problems = new ArrayList<>();
    if (maxAttempts < 1 || maxAttempts > 100) {
      problems.add("attempts must be 1 to 100, got " + maxAttempts);
    }
    if (firstDelay.isNegative() || firstDelay.isZero()) {
      problems.add("first retry delay must be positive, got " + firstDelay);
    }
    if (maxDelay.compareTo(firstDelay) < 0) {
      problems.add("longest retry delay " + maxDelay + " is shorter than the first " + firstDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      problems.add("retry jitter must be 0 to 1, got " + jitter);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("retry policy: " + String.join("; ", problems));
    }
  }

  /**
   * The wait after attempt {@code failed} failed, before the next one.
   *
   * @param random a uniform draw in [0, 1): where in the jitter band this wait falls
   */
  public Duration delayAfter(int failed, double random) {
    long nominal = nominalMillis(failed);
    double spread = 1 + jitter * (2 * random - 1);
    return Duration.ofMillis(Math.max(1, Math.round(nominal * spread)));
  }

  /**
   * How many distinct backoff tiers retries use: one per attempt until the delay reaches {@link
   * #maxDelay()}, after which later attempts share the last tier. 0 when nothing is retried.
   */
  public int tiers() {
    int tiers = 0;
    for (int failed = 1; failed < maxAttempts; failed++) {
      tiers++;
      if (nominalMillis(failed) >= maxDelay.toMillis()) {
        break;
      }
    }
    return tiers;
  }

  /** The tier (1-based) a retry after attempt {@code failed} waits in. */
  public int tierAfter(int failed) {
    return Math.min(failed, tiers());
  }

  private long nominalMillis(int failed) {
    long delay = firstDelay.toMillis();
    for (int i = 1; i < failed && delay < maxDelay.toMillis(); i++) {
      delay *= 2;
    }
    return Math.min(delay, maxDelay.toMillis());
  }
}
