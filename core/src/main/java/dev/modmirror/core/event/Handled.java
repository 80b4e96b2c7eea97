package dev.modmirror.core.event;

import java.util.Objects;

/** What a {@link Worker} did with one delivery. */
public sealed interface Handled {

  /** The event is dealt with, its outcome recorded: the bus moves past it. */
  static Handled done() {
    return Done.INSTANCE;
  }

  /**
   * The work failed in a way that may pass (a 5xx, a timeout): deliver the event again after the
   * consumption's backoff, as the next attempt, without holding back the events behind it. Only
   * allowed while {@link Delivery#lastAttempt()} is false.
   *
   * @param reason why, for the retry's headers and logs
   */
  static Handled retryLater(String reason) {
    return new RetryLater(reason);
  }

  /** See {@link #done()}. */
  record Done() implements Handled {
    private static final Done INSTANCE = new Done();
  }

  /** See {@link #retryLater(String)}. */
  record RetryLater(String reason) implements Handled {
    public RetryLater {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
