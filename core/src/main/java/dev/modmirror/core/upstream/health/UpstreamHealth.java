package dev.modmirror.core.upstream.health;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Everything a pool knows about one upstream's health: its breaker, recent latency, success ratio
 * and requests in flight. A request asks {@link #tryStart()} and reports exactly once with {@link
 * #finish}; active probes report with {@link #probed}. {@link #cost} ranks upstreams: lower is
 * better. Thread-safe.
 */
public final class UpstreamHealth {
  private final CircuitBreaker breaker;
  private final PeakLatency latency;
  private final SuccessWindow window = SuccessWindow.fiveMinutes();
  private final LongSupplier nanos;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong startsSum = new AtomicLong();

  /**
   * @param onChange told each new breaker state (see {@link CircuitBreaker})
   */
  public UpstreamHealth(
      HealthSettings settings, LongSupplier nanos, Consumer<BreakerState> onChange) {
    this.breaker =
        new CircuitBreaker(settings.failureThreshold(), settings.openFor(), nanos, onChange);
    this.latency = new PeakLatency(settings.latencyDecay());
    this.nanos = nanos;
  }

  /** One request on its way to the upstream. */
  public record Attempt(long startedAt, boolean trial) {}

  /**
   * Asks the breaker to send one request.
   *
   * @return the attempt to finish, or empty if the breaker refuses (nothing to report then)
   */
  public Optional<Attempt> tryStart() {
    Permit permit = breaker.tryAcquire();
    if (permit == Permit.REFUSED) {
      return Optional.empty();
    }
    return Optional.of(begin(permit == Permit.TRIAL));
  }

  /**
   * Starts a request without asking the breaker: for an upstream with nowhere to fail over to,
   * whose breaker only reports its state (refusing would turn a possible answer into a sure error).
   */
  public Attempt start() {
    return begin(false);
  }

  private Attempt begin(boolean trial) {
    long now = nanos.getAsLong();
    inFlight.incrementAndGet();
    startsSum.addAndGet(now);
    return new Attempt(now, trial);
  }

  /**
   * Reports a request's outcome; its latency counts when the upstream answered.
   *
   * @return the request's latency in nanoseconds
   */
  public long finish(Attempt attempt, Outcome outcome) {
    long now = nanos.getAsLong();
    startsSum.addAndGet(-attempt.startedAt());
    inFlight.decrementAndGet();
    long took = now - attempt.startedAt();
    record(outcome, took, now, false);
    return took;
  }

  /** Reports a failure found after the answer began, while its body was read. */
  public void bodyFailed() {
    record(Outcome.FAILED, 0, nanos.getAsLong(), false);
  }

  /** Reports an active probe and how long it took. */
  public void probed(Outcome outcome, long tookNanos) {
    record(outcome, tookNanos, nanos.getAsLong(), true);
  }

  /**
   * This upstream's cost for the next request, lower is better: its recent latency ({@link
   * PeakLatency#decayed}), or the mean age of the requests it still has in flight if that is
   * longer, times one more than those requests, divided by its weight. An upstream never measured
   * costs 0.
   */
  public double cost(double weight) {
    int flying = inFlight.get();
    long now = nanos.getAsLong();
    double lat = latency.decayed(now);
    if (flying > 0) {
      double meanAge = now - (double) startsSum.get() / flying;
      lat = Math.max(lat, meanAge);
    }
    return lat * (flying + 1) / weight;
  }

  public BreakerState breakerState() {
    return breaker.state();
  }

  public HealthSnapshot snapshot() {
    return new HealthSnapshot(
        breaker.state(),
        breaker.consecutiveFailures(),
        breaker.opens(),
        latency.nanos() / 1e6,
        inFlight.get(),
        window.ratio(nanos.getAsLong()));
  }

  private void record(Outcome outcome, long tookNanos, long now, boolean probe) {
    switch (outcome) {
      case ANSWERED -> {
        latency.record(tookNanos, now);
        window.success(now);
        if (probe) {
          breaker.probeSucceeded();
        } else {
          breaker.onSuccess();
        }
      }
      case FAILED -> {
        window.failure(now);
        if (probe) {
          breaker.probeFailed();
        } else {
          breaker.onFailure();
        }
      }
      case INCONCLUSIVE -> {
        // Neither healthy nor not: a module-specific refusal.
      }
    }
  }
}
