package dev.modmirror.replicator;

import dev.modmirror.core.config.Settings;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reconcile's settings ({@code MODMIRROR_RECONCILE_*}, and each region's copy concurrency).
 *
 * @param scheduled whether {@code modmirror replicator} runs reconcile on its schedule
 * @param cron the schedule, a Quartz cron expression (seconds first); checked when it starts
 * @param zone the zone {@code cron} is read in
 * @param concurrency versions repaired at once per region, unless the region says otherwise
 * @param regionConcurrency {@code MODMIRROR_REGION_<NAME>_COPY_CONCURRENCY}, by region
 */
public record ReconcileConfig(
    boolean scheduled,
    String cron,
    ZoneId zone,
    int concurrency,
    Map<String, Integer> regionConcurrency) {
  /** Nightly at 03:30, after the nightly prefetch (02:00) has been warmed and replicated. */
  public static final String DEFAULT_CRON = "0 30 3 * * ?";

  public ReconcileConfig {
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(zone, "zone");
    regionConcurrency = Map.copyOf(regionConcurrency);
  }

  /** Reads the settings; problems are recorded in {@code s}. */
  public static ReconcileConfig from(Settings s) {
    Map<String, Integer> perRegion = new LinkedHashMap<>();
    int concurrency = s.integer("MODMIRROR_RECONCILE_CONCURRENCY", 4, 1, 256);
    for (String region : s.list("MODMIRROR_REGIONS", List.of())) {
      String name =
          "MODMIRROR_REGION_"
              + region.toUpperCase(Locale.ROOT).replace('-', '_')
              + "_COPY_CONCURRENCY";
      if (s.raw(name).isPresent()) {
        perRegion.put(region, s.integer(name, concurrency, 1, 256));
      }
    }
    ZoneId zone = ZoneId.of("UTC");
    String zoneName = s.string("MODMIRROR_RECONCILE_TIME_ZONE", "UTC");
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      s.problem("MODMIRROR_RECONCILE_TIME_ZONE: not a time zone: " + zoneName);
    }
    return new ReconcileConfig(
        s.bool("MODMIRROR_RECONCILE_ENABLED", true),
        s.string("MODMIRROR_RECONCILE_CRON", DEFAULT_CRON),
        zone,
        concurrency,
        perRegion);
  }

  /** A run over the whole bucket with these concurrencies. */
  public ReconcileSettings settings(String prefix, boolean dryRun) {
    return new ReconcileSettings(prefix, dryRun, concurrency, regionConcurrency);
  }
}
