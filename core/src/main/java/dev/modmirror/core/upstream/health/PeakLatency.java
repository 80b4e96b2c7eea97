package dev.modmirror.core.upstream.health;

import java.time.Duration;

/**
 * An upstream's recent latency, exponentially weighted by time ("peak EWMA", as Finagle and Linkerd
 * balance load): a sample above the current value replaces it at once, so one slow answer demotes
 * an upstream immediately; lower samples pull it down with weight {@code 1 - e^(-Δt/decay)}, Δt
 * being the time since the previous sample, so it recovers over about {@code decay} whatever the
 * request rate. Before the first sample the value is 0: an upstream never measured is tried first.
 * For ranking, {@link #decayed} also lets the value fade toward 0 while no sample arrives (as
 * Tower's and Linkerd's balancers do), so an upstream whose last answer was slow, or that was
 * measured once while cold, is tried again after a while instead of being judged forever by its
 * worst moment; active probes keep a slow upstream's value fresh. Thread-safe.
 */
public final class PeakLatency {
  private final double decayNanos;
  private double value;
  private long lastAt;
  private boolean seeded;

  /**
   * @param decay the time constant of the decay, positive
   */
  public PeakLatency(Duration decay) {
    if (decay.isNegative() || decay.isZero()) {
      throw new IllegalArgumentException("decay must be positive: " + decay);
    }
    this.decayNanos = decay.toNanos();
  }

  /**
   * Records one latency.
   *
   * @param sampleNanos the latency, not negative
   * @param now the monotonic time of the sample, in nanoseconds
   */
  public synchronized void record(long sampleNanos, long now) {
    double sample = Math.max(0, sampleNanos);
    if (!seeded || sample >= value) {
      value = sample;
    } else {
      double keep = Math.exp(-Math.max(0, now - lastAt) / decayNanos);
      value = value * keep + sample * (1 - keep);
    }
    lastAt = now;
    seeded = true;
  }

  /**
   * The value for ranking at {@code now}: the current value faded by {@code e^(-Δt/decay)} since
   * the last sample; 0 before the first sample.
   */
  public synchronized double decayed(long now) {
    return seeded ? value * Math.exp(-Math.max(0, now - lastAt) / decayNanos) : 0;
  }

  /** The value at the last sample, in nanoseconds; 0 before the first sample. */
  public synchronized double nanos() {
    return value;
  }

  /** Whether any sample was recorded. */
  public synchronized boolean seeded() {
    return seeded;
  }
}
