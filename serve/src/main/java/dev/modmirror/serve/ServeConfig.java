package dev.modmirror.serve;

import dev.modmirror.core.config.Settings;
import java.time.Duration;

/**
 * How serve answers. Every setting, its default and its variable are in docs/configuration.md.
 *
 * @param warmOnMiss publish a warm request for a version that is asked for and absent
 * @param cacheBytes the most bytes of immutable small objects ({@code .info}, {@code .mod},
 *     checksum-database tiles and lookups) kept in memory; 0 keeps none
 * @param listMaxAge how long clients and caches may reuse {@code @v/list}, {@code @latest} and the
 *     database's {@code latest}: they change as versions are warmed
 */
public record ServeConfig(boolean warmOnMiss, long cacheBytes, Duration listMaxAge) {
  /** Default {@link #cacheBytes}: 64 MiB. */
  public static final long CACHE_BYTES = 64L << 20;

  /** Default {@link #listMaxAge}: one minute. */
  public static final Duration LIST_MAX_AGE = Duration.ofMinutes(1);

  public ServeConfig {
    if (cacheBytes < 0) {
      throw new IllegalArgumentException("cacheBytes must not be negative");
    }
    if (listMaxAge.isNegative()) {
      throw new IllegalArgumentException("listMaxAge must not be negative");
    }
  }

  public static ServeConfig defaults() {
    return new ServeConfig(false, CACHE_BYTES, LIST_MAX_AGE);
  }

  /** Reads {@code MODMIRROR_SERVE_*}; problems are recorded in {@code s}. */
  public static ServeConfig from(Settings s) {
    String warm = s.string("MODMIRROR_SERVE_WARM_ON_MISS", "false");
    if (!warm.equals("true") && !warm.equals("false")) {
      s.problem("MODMIRROR_SERVE_WARM_ON_MISS: '" + warm + "' is not true or false");
    }
    return new ServeConfig(
        warm.equals("true"),
        s.bytes("MODMIRROR_SERVE_CACHE_BYTES", CACHE_BYTES, 0),
        s.duration("MODMIRROR_SERVE_LIST_MAX_AGE", LIST_MAX_AGE));
  }

  /** The same settings with warm-on-miss as given (the {@code --warm-on-miss} flag). */
  public ServeConfig withWarmOnMiss(boolean on) {
    return new ServeConfig(on, cacheBytes, listMaxAge);
  }
}
