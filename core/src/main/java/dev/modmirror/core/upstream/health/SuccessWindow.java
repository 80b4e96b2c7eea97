package dev.modmirror.core.upstream.health;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Answered and failed requests over a sliding window (five minutes for the pool), kept in a ring of
 * equal slots so that memory is fixed and old slots expire as time passes. Thread-safe.
 */
public final class SuccessWindow {
  private final long slotNanos;
  private final long[] slotIndex;
  private final long[] answered;
  private final long[] failed;

  /**
   * @param window the span counted, positive
   * @param slots how many slots it is cut into (resolution = window / slots), at least 1
   */
  public SuccessWindow(Duration window, int slots) {
    if (window.isNegative() || window.isZero() || slots < 1) {
      throw new IllegalArgumentException("need a positive window and at least one slot");
    }
    this.slotNanos = Math.max(1, window.toNanos() / slots);
    this.slotIndex = new long[slots];
    this.answered = new long[slots];
    this.failed = new long[slots];
    java.util.Arrays.fill(slotIndex, Long.MIN_VALUE);
  }

  /** Five minutes in thirty slots of ten seconds. */
  public static SuccessWindow fiveMinutes() {
    return new SuccessWindow(Duration.ofMinutes(5), 30);
  }

  public synchronized void success(long now) {
    answered[slot(now)]++;
  }

  public synchronized void failure(long now) {
    failed[slot(now)]++;
  }

  /** Answered / (answered + failed) within the window; empty when nothing was counted. */
  public synchronized OptionalDouble ratio(long now) {
    long ok = 0;
    long bad = 0;
    long current = Math.floorDiv(now, slotNanos);
    for (int i = 0; i < slotIndex.length; i++) {
      if (slotIndex[i] != Long.MIN_VALUE && current - slotIndex[i] < slotIndex.length) {
        ok += answered[i];
        bad += failed[i];
      }
    }
    return ok + bad == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) ok / (ok + bad));
  }

  private int slot(long now) {
    long index = Math.floorDiv(now, slotNanos);
    int i = (int) Math.floorMod(index, (long) slotIndex.length);
    if (slotIndex[i] != index) {
      slotIndex[i] = index;
      answered[i] = 0;
      failed[i] = 0;
    }
    return i;
  }
}
