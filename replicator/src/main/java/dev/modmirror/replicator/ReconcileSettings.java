package dev.modmirror.replicator;

import java.util.Map;
import java.util.Objects;

/**
 * One reconcile run's options.
 *
 * @param prefix only keys starting with it (an escaped module path prefix such as {@code
 *     github.com/!azure/}); empty for the whole bucket
 * @param dryRun find and report, write nothing, publish nothing
 * @param concurrency versions repaired at once in a region without its own setting
 * @param regionConcurrency versions repaired at once, by region ({@code
 *     MODMIRROR_REGION_<NAME>_COPY_CONCURRENCY})
 */
public record ReconcileSettings(
    String prefix, boolean dryRun, int concurrency, Map<String, Integer> regionConcurrency) {
  public ReconcileSettings {
    Objects.requireNonNull(prefix, "prefix");
    regionConcurrency = Map.copyOf(regionConcurrency);
    if (regionConcurrency.values().stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("a region's concurrency must be at least 1");
    }
    if (prefix.startsWith("_") || prefix.startsWith("/") || prefix.contains("..")) {
      throw new IllegalArgumentException("not a module key prefix: " + prefix);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
  }

  /** The same concurrency for every region. */
  public ReconcileSettings(String prefix, boolean dryRun, int concurrency) {
    this(prefix, dryRun, concurrency, Map.of());
  }

  /** The whole bucket, repairing, four versions at once. */
  public static ReconcileSettings defaults() {
    return new ReconcileSettings("", false, 4);
  }

  /** Versions repaired at once in {@code region}. */
  public int concurrency(String region) {
    return regionConcurrency.getOrDefault(region, concurrency);
  }
}
