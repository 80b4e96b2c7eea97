package dev.modmirror.core.upstream.health;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one upstream. Closed, it lets every request through and counts consecutive
 * failures; at {@code threshold} it opens. Open, it refuses every request for {@code openFor}; the
 * next request after that goes as the half-open trial, and only one trial is out at a time (a trial
 * that never reports is replaced after another {@code openFor}). A trial's success closes the
 * breaker, its failure opens it again. Active probes are trials that need no permit: a successful
 * probe closes the breaker from any state, a failed one counts like a failure and, while open,
 * restarts the open period.
 *
 * <p>Outcomes of requests that were let through before the breaker opened and end while it is open
 * change nothing: they say nothing about the upstream now. Thread-safe.
 */
public final class CircuitBreaker {
  private final int threshold;
  private final long openNanos;
  private final LongSupplier nanos;
  private final Consumer<BreakerState> onChange;
  private BreakerState state = BreakerState.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private long trialAt;
  private boolean trialOut;
  private long opens;

  /**
   * @param threshold consecutive failures that open the breaker, at least 1
   * @param openFor how long an open breaker refuses before a trial, positive
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
   * @param onChange told every new state, under the breaker's lock: keep it short
   */
  public CircuitBreaker(
      int threshold, Duration openFor, LongSupplier nanos, Consumer<BreakerState> onChange) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1: " + threshold);
    }
    if (openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("openFor must be positive: " + openFor);
    }
    this.threshold = threshold;
    this.openNanos = openFor.toNanos();
    this.nanos = nanos;
    this.onChange = onChange;
  }

  /** Asks to send one request; a {@link Permit#TRIAL} must report its outcome. */
  public synchronized Permit tryAcquire() {
    long now = nanos.getAsLong();
    switch (state) {
      case CLOSED:
        return Permit.GRANTED;
      case OPEN:
        if (now - openedAt < openNanos) {
          return Permit.REFUSED;
        }
        moveTo(BreakerState.HALF_OPEN);
        return startTrial(now);
      default:
        return trialOut && now - trialAt < openNanos ? Permit.REFUSED : startTrial(now);
    }
  }

  /** A request got an answer from the upstream (a not-found is an answer). */
  public synchronized void onSuccess() {
    if (state == BreakerState.CLOSED) {
      consecutiveFailures = 0;
    } else if (state == BreakerState.HALF_OPEN) {
      close();
    }
  }

  /** A request failed in a way that says the upstream is unwell (timeout, 5xx, refused…). */
  public synchronized void onFailure() {
    if (state == BreakerState.CLOSED) {
      consecutiveFailures++;
      if (consecutiveFailures >= threshold) {
        open();
      }
    } else if (state == BreakerState.HALF_OPEN) {
      consecutiveFailures++;
      open();
    }
  }

  /** An active probe got an answer: the upstream is back, whatever the state. */
  public synchronized void probeSucceeded() {
    if (state == BreakerState.CLOSED) {
      consecutiveFailures = 0;
    } else {
      close();
    }
  }

  /** An active probe failed: one more failure; an open breaker stays open for another period. */
  public synchronized void probeFailed() {
    if (state == BreakerState.OPEN) {
      consecutiveFailures++;
      openedAt = nanos.getAsLong();
    } else {
      onFailure();
    }
  }

  public synchronized BreakerState state() {
    return state;
  }

  /** Failures since the last success (requests and probes). */
  public synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** How many times the breaker has opened since it was made. */
  public synchronized long opens() {
    return opens;
  }

  private Permit startTrial(long now) {
    trialOut = true;
    trialAt = now;
    return Permit.TRIAL;
  }

  private void open() {
    openedAt = nanos.getAsLong();
    trialOut = false;
    opens++;
    moveTo(BreakerState.OPEN);
  }

  private void close() {
    consecutiveFailures = 0;
    trialOut = false;
    moveTo(BreakerState.CLOSED);
  }

  private void moveTo(BreakerState next) {
    if (state != next) {
      state = next;
      onChange.accept(next);
    }
  }
}
