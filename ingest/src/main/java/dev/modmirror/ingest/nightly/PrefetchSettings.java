package dev.modmirror.ingest.nightly;

import dev.modmirror.core.config.Settings;
import dev.modmirror.core.module.ModulePath;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The nightly prefetch's settings.
 *
 * @param enabled whether the schedule runs in this process
 * @param cron a Quartz cron expression (seconds first), validated by the scheduler at start-up
 * @param zone the time zone the expression is read in
 * @param top how many of the most demanded modules are prefetched
 * @param modules modules prefetched every night whatever their demand
 * @param perModule at most this many versions requested per module, newest first
 */
public record PrefetchSettings(
    boolean enabled, String cron, ZoneId zone, int top, List<ModulePath> modules, int perModule) {
  public static final String DEFAULT_CRON = "0 0 2 * * ?";

  public PrefetchSettings {
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(zone, "zone");
    modules = List.copyOf(modules);
    if (top < 0 || perModule < 1) {
      throw new IllegalArgumentException("prefetch top must be >= 0 and per-module >= 1");
    }
  }

  public static PrefetchSettings defaults() {
    return new PrefetchSettings(true, DEFAULT_CRON, ZoneId.of("UTC"), 100, List.of(), 5);
  }

  /** Reads {@code MODMIRROR_PREFETCH_*}; problems are recorded in {@code s}. */
  public static PrefetchSettings from(Settings s) {
    ZoneId zone = ZoneId.of("UTC");
    String zoneName = s.string("MODMIRROR_PREFETCH_TIME_ZONE", "UTC");
    try {
      zone = ZoneId.of(zoneName);
    } catch (RuntimeException e) {
      s.problem("MODMIRROR_PREFETCH_TIME_ZONE: '" + zoneName + "' is not a time zone id");
    }
    List<ModulePath> modules = new ArrayList<>();
    for (String m : s.list("MODMIRROR_PREFETCH_MODULES", List.of())) {
      try {
        modules.add(ModulePath.of(m));
      } catch (RuntimeException e) {
        s.problem("MODMIRROR_PREFETCH_MODULES: " + e.getMessage());
      }
    }
    return new PrefetchSettings(
        Boolean.parseBoolean(s.string("MODMIRROR_PREFETCH_ENABLED", "true")),
        s.string("MODMIRROR_PREFETCH_CRON", DEFAULT_CRON),
        zone,
        s.integer("MODMIRROR_PREFETCH_TOP", 100, 0, 100_000),
        modules,
        s.integer("MODMIRROR_PREFETCH_PER_MODULE", 5, 1, 1000));
  }
}
