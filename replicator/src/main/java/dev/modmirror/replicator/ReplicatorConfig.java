package dev.modmirror.replicator;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The replicator's settings (per process; the region stores are wired separately).
 *
 * @param spoolDir where zips are spooled and re-hashed before they are copied
 * @param maxAttempts attempts per version and region for transient failures
 * @param backoff the first retry delay, doubled per attempt
 * @param groupPrefix each region consumes as {@code <groupPrefix>-<region>}
 * @param consumers consumers per region in this process, each with {@code inFlight} workers
 * @param inFlight versions each consumer copies to its region at once, independent of partitions
 * @param deadline how long one copy (with its retries) may take before it is interrupted
 * @param shutdownGrace how long a stop waits for copies in flight before abandoning them
 */
public record ReplicatorConfig(
    Path spoolDir,
    int maxAttempts,
    Duration backoff,
    String groupPrefix,
    int consumers,
    int inFlight,
    Duration deadline,
    Duration shutdownGrace) {
  /**
   * A region's copies at once by default, as the warmer's versions in flight. A region copies at
   * most this many versions per copy's latency, and a copy waits for six of the region's round
   * trips in a row: at 16, a region 30 ms away took about 50 versions a second (docs/benchmarks.md,
   * Replicate, 2026-12-01).
   */
  public static final int DEFAULT_IN_FLIGHT = 64;

  public ReplicatorConfig {
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(groupPrefix, "groupPrefix");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (consumers < 1) {
      throw new IllegalArgumentException("consumers must be at least 1");
    }
    // Checks the group name, in-flight bound and deadline once, where they are used.
    consumption(groupPrefix + "-region", inFlight, deadline, shutdownGrace);
  }

  /** The settings of earlier releases: the default concurrency and deadline. */
  public ReplicatorConfig(
      Path spoolDir, int maxAttempts, Duration backoff, String groupPrefix, int consumers) {
    this(
        spoolDir,
        maxAttempts,
        backoff,
        groupPrefix,
        consumers,
        DEFAULT_IN_FLIGHT,
        Consumption.DEFAULT_DEADLINE,
        Consumption.DEFAULT_GRACE);
  }

  public static ReplicatorConfig defaults(Path spoolDir) {
    return new ReplicatorConfig(
        spoolDir,
        3,
        Duration.ofMillis(200),
        "modmirror-replicator",
        1,
        DEFAULT_IN_FLIGHT,
        Consumption.DEFAULT_DEADLINE,
        Duration.ofSeconds(10));
  }

  /** Reads {@code MODMIRROR_REPLICATOR_*}; problems are recorded in {@code s}. */
  public static ReplicatorConfig from(Settings s) {
    return new ReplicatorConfig(
        s.path("MODMIRROR_REPLICATOR_SPOOL_DIR", Path.of(System.getProperty("java.io.tmpdir"))),
        s.integer("MODMIRROR_REPLICATOR_MAX_ATTEMPTS", 5, 1, 100),
        s.duration("MODMIRROR_REPLICATOR_BACKOFF", Duration.ofSeconds(1)),
        s.string("MODMIRROR_REPLICATOR_GROUP_PREFIX", "modmirror-replicator"),
        s.integer("MODMIRROR_REPLICATOR_CONSUMERS", 1, 1, 64),
        s.integer(
            "MODMIRROR_REPLICATOR_IN_FLIGHT", DEFAULT_IN_FLIGHT, 1, Consumption.MAX_IN_FLIGHT),
        s.duration("MODMIRROR_REPLICATOR_DEADLINE", Consumption.DEFAULT_DEADLINE),
        s.duration("MODMIRROR_REPLICATOR_SHUTDOWN_GRACE", Consumption.DEFAULT_GRACE));
  }

  /** The same settings, spooling under {@code dir} (the process's own scratch directory). */
  public ReplicatorConfig withSpoolDir(Path dir) {
    return new ReplicatorConfig(
        dir, maxAttempts, backoff, groupPrefix, consumers, inFlight, deadline, shutdownGrace);
  }

  /** The consumer group of one region. */
  public String group(String region) {
    return groupPrefix + "-" + region;
  }

  /** How each consumer of one region reads the warmed topic. */
  public Consumption<VersionWarmed> consumption(String region) {
    return consumption(group(region), inFlight, deadline, shutdownGrace);
  }

  private static Consumption<VersionWarmed> consumption(
      String group, int inFlight, Duration deadline, Duration grace) {
    return Consumption.of(Topics.WARMED, group)
        .withInFlight(inFlight)
        .withDeadline(deadline)
        .withShutdownGrace(grace);
  }
}
