package dev.modmirror.adapters.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook delivery keys a replica knows, each with when it was handled, for as long as the
 * deliveries topic keeps them. Keys older than the retention are forgotten while the process runs,
 * not only skipped at start: an ingest replica lives for months, and its memory would otherwise
 * grow with every delivery it ever saw.
 */
final class RememberedDeliveries {
  /**
   * How often the whole map is swept: often enough to stay bounded, rare enough to cost nothing.
   */
  static final Duration SWEEP_EVERY = Duration.ofHours(1);

  private final Map<String, Instant> known = new ConcurrentHashMap<>();
  private final Duration retention;
  private volatile Instant nextSweep = Instant.MIN;

  RememberedDeliveries(Duration retention) {
    this.retention = retention;
  }

  boolean contains(String key) {
    return known.containsKey(key);
  }

  /**
   * Adds {@code key}, handled at {@code at}, unless known or already past the retention at {@code
   * now}; sweeps out expired keys when a sweep is due.
   *
   * @return true if the key was added
   */
  boolean add(String key, Instant at, Instant now) {
    sweepIfDue(now);
    if (at.isBefore(now.minus(retention))) {
      return false;
    }
    return known.putIfAbsent(key, at) == null;
  }

  /** Forgets {@code key} if it is still the one added at {@code at} (a failed durable write). */
  void remove(String key, Instant at) {
    known.remove(key, at);
  }

  int size() {
    return known.size();
  }

  private void sweepIfDue(Instant now) {
    if (now.isBefore(nextSweep)) {
      return;
    }
    nextSweep = now.plus(SWEEP_EVERY);
    Instant horizon = now.minus(retention);
    known.values().removeIf(at -> at.isBefore(horizon));
  }
}
