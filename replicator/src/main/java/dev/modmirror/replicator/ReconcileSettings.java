package dev.modmirror.replicator;

import java.util.Objects;

/**
 * One reconcile run's options.
 *
 * @param prefix only keys starting with it (an escaped module path prefix such as {@code
 *     github.com/!azure/}); empty for the whole bucket
 * @param dryRun find and report, write nothing, publish nothing
 * @param concurrency versions repaired at once per region
 */
public record ReconcileSettings(String prefix, boolean dryRun, int concurrency) {
  public ReconcileSettings {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.startsWith("_") || prefix.startsWith("/") || prefix.contains("..")) {
      throw new IllegalArgumentException("not a module key prefix: " + prefix);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
  }

  /** The whole bucket, repairing, four versions at once. */
  public static ReconcileSettings defaults() {
    return new ReconcileSettings("", false, 4);
  }
}
