package dev.modmirror.adapters.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per source key: {@code perSecond} requests on average, bursts of {@code burst}.
 * Thread-safe; keys are kept for the process's life (sources are few: webhook providers, proxies).
 */
public final class RateLimiter {
  private final double perNano;
  private final double burst;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

  RateLimiter(double perSecond, int burst, LongSupplier nanos) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    this.perNano = perSecond / Duration.ofSeconds(1).toNanos();
    this.burst = burst;
    this.nanos = nanos;
  }

  public static RateLimiter of(double perSecond, int burst) {
    return new RateLimiter(perSecond, burst, System::nanoTime);
  }

  /** Takes one token from {@code key}'s bucket; false if it is empty. */
  public boolean tryAcquire(String key) {
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, nanos.getAsLong()});
    synchronized (bucket) {
      long now = nanos.getAsLong();
      bucket[0] = Math.min(burst, bucket[0] + (now - (long) bucket[1]) * perNano);
      bucket[1] = now;
      if (bucket[0] >= 1) {
        bucket[0] -= 1;
        return true;
      }
      return false;
    }
  }
}
