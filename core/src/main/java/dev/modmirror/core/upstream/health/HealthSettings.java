package dev.modmirror.core.upstream.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How an upstream pool judges health.
 *
 * @param probeInterval time between active probes of each upstream (default 10 s)
 * @param failureThreshold consecutive failures that open a breaker (default 3)
 * @param openFor how long an open breaker refuses before a half-open trial (default 10 s)
 * @param latencyDecay time constant of the latency average (default 10 s)
 */
public record HealthSettings(
    Duration probeInterval, int failureThreshold, Duration openFor, Duration latencyDecay) {

  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(10);
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LATENCY_DECAY = Duration.ofSeconds(10);

  /**
   * @throws IllegalArgumentException naming every invalid setting at once
   */
  public HealthSettings {
    List<String> problems = new ArrayList<>();
    positive(probeInterval, "probe interval", problems);
    positive(openFor, "breaker open period", problems);
    positive(latencyDecay, "latency decay", problems);
    if (failureThreshold < 1) {
      problems.add("breaker failure threshold must be at least 1");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Probes every 10 s, opens after 3 failures for 10 s, latency decays over 10 s. */
  public static HealthSettings defaults() {
    return new HealthSettings(
        DEFAULT_PROBE_INTERVAL, DEFAULT_FAILURE_THRESHOLD, DEFAULT_OPEN_FOR, DEFAULT_LATENCY_DECAY);
  }

  private static void positive(Duration d, String name, List<String> problems) {
    if (d == null || d.isNegative() || d.isZero()) {
      problems.add(name + " must be a positive duration");
    }
  }
}
