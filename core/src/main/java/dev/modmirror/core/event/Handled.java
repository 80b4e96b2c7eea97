package dev.modmirror.core.event;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

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

  /**
   * The work is done and its outcome is on its way to the bus: the worker is free for the next
   * event at once, and the bus moves past this one only once {@code recorded} completes (a crash
   * before then redoes the event, never skips it). If {@code recorded} fails, the event is handed
   * over again after a pause, as when a worker throws a {@link
   * dev.modmirror.core.error.TransientException}; a failure no retry cures (authorization) stops
   * the subscription.
   *
   * @param recorded the outcome's publication, typically {@link EventBus#publishAsync}
   */
  static Handled doneWhen(CompletionStage<?> recorded) {
    return new DoneWhen(recorded);
  }

  /** See {@link #done()}. */
  record Done() implements Handled {
    private static final Done INSTANCE = new Done();
  }

  /** See {@link #doneWhen(CompletionStage)}. */
  record DoneWhen(CompletionStage<?> recorded) implements Handled {
    public DoneWhen {
      Objects.requireNonNull(recorded, "recorded");
    }
  }

  /** See {@link #retryLater(String)}. */
  record RetryLater(String reason) implements Handled {
    public RetryLater {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
