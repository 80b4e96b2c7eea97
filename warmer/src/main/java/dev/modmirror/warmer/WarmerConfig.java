package dev.modmirror.warmer;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.module.ModuleLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The warmer's settings.
 *
 * @param spoolDir where zips are spooled while verified (one temp file per version in flight)
 * @param maxAttempts attempts per version for transient upstream or store failures
 * @param backoff the first retry delay, doubled per attempt
 * @param maxZipBytes the module zip size limit (the go command's is 500 MiB)
 * @param group the consumer group shared by all warmer replicas
 * @param consumers consumers this process runs in the group: versions in flight at once here; more
 *     than the request topic's partitions only adds idle consumers
 */
public record WarmerConfig(
    Path spoolDir,
    int maxAttempts,
    Duration backoff,
    long maxZipBytes,
    String group,
    int consumers) {
  public static final long MAX_ZIP_BYTES = ModuleLimits.MAX_ZIP_FILE;
  public static final long MAX_MOD_BYTES = ModuleLimits.MAX_GO_MOD;

  public WarmerConfig {
    Objects.requireNonNull(spoolDir, "spoolDir");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(group, "group");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (consumers < 1) {
      throw new IllegalArgumentException("consumers must be at least 1");
    }
  }

  /** Defaults suited to tests and dev mode. */
  public static WarmerConfig defaults(Path spoolDir) {
    return new WarmerConfig(
        spoolDir, 3, Duration.ofMillis(200), MAX_ZIP_BYTES, "modmirror-warmer", 3);
  }

  /** Reads {@code MODMIRROR_WARMER_*}; problems are recorded in {@code s}. */
  public static WarmerConfig from(Settings s) {
    return new WarmerConfig(
        s.path("MODMIRROR_WARMER_SPOOL_DIR", Path.of(System.getProperty("java.io.tmpdir"))),
        s.integer("MODMIRROR_WARMER_MAX_ATTEMPTS", 5, 1, 100),
        s.duration("MODMIRROR_WARMER_BACKOFF", Duration.ofSeconds(1)),
        s.bytes("MODMIRROR_WARMER_MAX_ZIP_BYTES", MAX_ZIP_BYTES, 1),
        s.string("MODMIRROR_WARMER_GROUP", "modmirror-warmer"),
        s.integer("MODMIRROR_WARMER_CONSUMERS", 3, 1, 256));
  }
}
