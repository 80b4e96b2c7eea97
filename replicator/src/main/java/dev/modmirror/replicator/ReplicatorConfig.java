package dev.modmirror.replicator;

import dev.modmirror.core.config.Settings;
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
 * @param consumers consumers per region in this process: versions copied to one region at once
 */
public record ReplicatorConfig(
    Path spoolDir, int maxAttempts, Duration backoff, String groupPrefix, int consumers) {
  public ReplicatorConfig {
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(groupPrefix, "groupPrefix");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (consumers < 1) {
      throw new IllegalArgumentException("consumers must be at least 1");
    }
  }

  public static ReplicatorConfig defaults(Path spoolDir) {
    return new ReplicatorConfig(spoolDir, 3, Duration.ofMillis(200), "modmirror-replicator", 3);
  }

  /** Reads {@code MODMIRROR_REPLICATOR_*}; problems are recorded in {@code s}. */
  public static ReplicatorConfig from(Settings s) {
    return new ReplicatorConfig(
        s.path("MODMIRROR_REPLICATOR_SPOOL_DIR", Path.of(System.getProperty("java.io.tmpdir"))),
        s.integer("MODMIRROR_REPLICATOR_MAX_ATTEMPTS", 5, 1, 100),
        s.duration("MODMIRROR_REPLICATOR_BACKOFF", Duration.ofSeconds(1)),
        s.string("MODMIRROR_REPLICATOR_GROUP_PREFIX", "modmirror-replicator"),
        s.integer("MODMIRROR_REPLICATOR_CONSUMERS", 3, 1, 256));
  }

  /** The consumer group of one region. */
  public String group(String region) {
    return groupPrefix + "-" + region;
  }
}
