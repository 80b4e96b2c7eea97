package dev.modmirror.warmer;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.RetryPolicy;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The warmer's settings.
 *
 * @param spoolDir where zips are spooled while verified (one temp file per version in flight)
 * @param maxAttempts deliveries per version when transient failures (upstream or store) repeat; the
 *     last one records the version failed
 * @param backoff the wait before the second attempt, doubled per attempt up to {@code maxBackoff}
 * @param maxZipBytes the module zip size limit (the go command's is 500 MiB)
 * @param group the consumer group shared by all warmer replicas
 * @param consumers consumers this process runs per warm lane in the group, each with {@code
 *     inFlight} workers
 * @param inFlight versions each consumer works on at once, independent of partitions: a process
 *     works on up to 3 lanes × {@code consumers} × {@code inFlight} versions
 * @param deadline how long one attempt at one version may take before it is interrupted
 * @param maxBackoff the longest wait between attempts
 * @param shutdownGrace how long a stop waits for versions in flight before abandoning them
 */
public record WarmerConfig(
    Path spoolDir,
    int maxAttempts,
    Duration backoff,
    long maxZipBytes,
    String group,
    int consumers,
    int inFlight,
    Duration deadline,
    Duration maxBackoff,
    Duration shutdownGrace) {
  public static final long MAX_ZIP_BYTES = ModuleLimits.MAX_ZIP_FILE;
  public static final long MAX_MOD_BYTES = ModuleLimits.MAX_GO_MOD;
  public static final int DEFAULT_IN_FLIGHT = 64;

  /** Spreads retries of versions that failed together by ± this share of their delay. */
  static final double JITTER = 0.2;

  public WarmerConfig {
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (consumers < 1) {
      throw new IllegalArgumentException("consumers must be at least 1");
    }
    // Checks attempts, delays, in-flight bound and deadline once, where they are used.
    consumption(
        WarmPriority.BACKFILL,
        group,
        maxAttempts,
        backoff,
        maxBackoff,
        inFlight,
        deadline,
        shutdownGrace);
  }

  /** The settings of earlier releases: one consumer, the default concurrency and deadline. */
  public WarmerConfig(
      Path spoolDir,
      int maxAttempts,
      Duration backoff,
      long maxZipBytes,
      String group,
      int consumers) {
    this(
        spoolDir,
        maxAttempts,
        backoff,
        maxZipBytes,
        group,
        consumers,
        DEFAULT_IN_FLIGHT,
        Consumption.DEFAULT_DEADLINE,
        Duration.ofMinutes(5).compareTo(backoff) < 0 ? backoff : Duration.ofMinutes(5),
        Consumption.DEFAULT_GRACE);
  }

  /** Defaults suited to tests and dev mode: quick retries, 64 in flight. */
  public static WarmerConfig defaults(Path spoolDir) {
    return new WarmerConfig(
        spoolDir,
        3,
        Duration.ofMillis(200),
        MAX_ZIP_BYTES,
        "modmirror-warmer",
        1,
        DEFAULT_IN_FLIGHT,
        Consumption.DEFAULT_DEADLINE,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  /** Reads {@code MODMIRROR_WARMER_*}; problems are recorded in {@code s}. */
  public static WarmerConfig from(Settings s) {
    return new WarmerConfig(
        s.path("MODMIRROR_WARMER_SPOOL_DIR", Path.of(System.getProperty("java.io.tmpdir"))),
        s.integer("MODMIRROR_WARMER_MAX_ATTEMPTS", 5, 1, 100),
        s.duration("MODMIRROR_WARMER_BACKOFF", Duration.ofSeconds(2)),
        s.bytes("MODMIRROR_WARMER_MAX_ZIP_BYTES", MAX_ZIP_BYTES, 1),
        s.string("MODMIRROR_WARMER_GROUP", "modmirror-warmer"),
        s.integer("MODMIRROR_WARMER_CONSUMERS", 1, 1, 64),
        s.integer("MODMIRROR_WARMER_IN_FLIGHT", DEFAULT_IN_FLIGHT, 1, Consumption.MAX_IN_FLIGHT),
        s.duration("MODMIRROR_WARMER_DEADLINE", Consumption.DEFAULT_DEADLINE),
        s.duration("MODMIRROR_WARMER_MAX_BACKOFF", Duration.ofMinutes(5)),
        s.duration("MODMIRROR_WARMER_SHUTDOWN_GRACE", Consumption.DEFAULT_GRACE));
  }

  /** The same settings, spooling under {@code dir} (the process's own scratch directory). */
  public WarmerConfig withSpoolDir(Path dir) {
    return new WarmerConfig(
        dir,
        maxAttempts,
        backoff,
        maxZipBytes,
        group,
        consumers,
        inFlight,
        deadline,
        maxBackoff,
        shutdownGrace);
  }

  /** The same settings with {@code count} versions in flight per consumer. */
  public WarmerConfig withInFlight(int count) {
    return new WarmerConfig(
        spoolDir,
        maxAttempts,
        backoff,
        maxZipBytes,
        group,
        consumers,
        count,
        deadline,
        maxBackoff,
        shutdownGrace);
  }

  /**
   * How each warmer consumer reads one warm lane: the lane's topic, with retry topics of its own
   * ({@code <group>.<lane>}), so a backfill's retries never wait in front of an urgent version's.
   */
  public Consumption<WarmRequested> consumption(WarmPriority lane) {
    return consumption(
        lane, group, maxAttempts, backoff, maxBackoff, inFlight, deadline, shutdownGrace);
  }

  private static Consumption<WarmRequested> consumption(
      WarmPriority lane,
      String group,
      int maxAttempts,
      Duration backoff,
      Duration maxBackoff,
      int inFlight,
      Duration deadline,
      Duration grace) {
    return Consumption.of(Topics.warm(lane), group)
        .withRetryScope(group + "." + lane.name().toLowerCase(Locale.ROOT))
        .withInFlight(inFlight)
        .withDeadline(deadline)
        .withRetries(new RetryPolicy(maxAttempts, backoff, maxBackoff, JITTER))
        .withShutdownGrace(grace);
  }
}
