package dev.modmirror.deploy.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One chaos run's parameters.
 *
 * @param duration how long load is fed and faults injected, from the moment the first canary went
 *     through the started mirror (start-up and the settle come on top)
 * @param seed decides the catalog, the fault schedule and the upstream's broken answers
 * @param rate versions requested per second
 * @param upstreamFaultRate share of version files the upstream breaks while faults are injected
 * @param settle the longest wait, after the faults, for every request to end and every group to
 *     catch up
 * @param dir where servers, spools, logs and go.mod files live
 */
record ChaosSettings(
    Duration duration,
    long seed,
    double rate,
    double upstreamFaultRate,
    Duration settle,
    Path dir) {
  ChaosSettings {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("the run needs a positive duration");
    }
    if (rate <= 0 || rate > 100) {
      throw new IllegalArgumentException("--rate must be above 0 and at most 100 versions/s");
    }
    if (upstreamFaultRate < 0 || upstreamFaultRate > 0.5) {
      throw new IllegalArgumentException("--upstream-fault-rate must be between 0 and 0.5");
    }
  }

  /** How many load versions the catalog needs: the rate over the duration, with room. */
  int versionsNeeded() {
    return (int) Math.ceil(rate * duration.toSeconds() * 1.2) + 16;
  }
}
