package dev.modmirror.replicator;

import dev.modmirror.core.event.RegionReconciled;
import dev.modmirror.core.module.ModuleRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one reconcile run found and did, per region: counts of everything, and the first {@value
 * #MAX_ROWS} findings as rows (every finding is also logged and, when acted on, published). Thread
 * safe: repairs run concurrently.
 */
public final class ReconcileReport {
  /** Rows kept per region for the table; the counts are complete whatever the number. */
  public static final int MAX_ROWS = 1000;

  /** What a run counts per region. */
  public enum Count {
    PRIMARY_KEYS("primary keys"),
    REGION_KEYS("region keys"),
    VERSIONS("versions compared"),
    IN_SYNC("in sync"),
    MISSING("missing"),
    PARTIAL("partial"),
    MISMATCH("mismatch"),
    VERIFIED("mismatch, bytes verified"),
    COPIED("copied"),
    REPAIRED("repaired"),
    CONFLICT("conflict"),
    FAILED("failed"),
    PURGED_REMOVED("purged, removed"),
    PURGED_SKIPPED("purged, not copied"),
    PRIMARY_INCOMPLETE("primary without .info"),
    REGION_ONLY("only in region"),
    FOREIGN_PRIMARY("foreign keys, primary"),
    FOREIGN_REGION("foreign keys, region"),
    PENDING_CLEARED("pending cleared"),
    PENDING_LEFT("pending left");

    private final String label;

    Count(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One finding; {@code action} empty in a dry run. */
  public record Row(
      ModuleRef ref,
      RegionReconciled.Finding finding,
      Optional<RegionReconciled.Action> action,
      String detail) {}

  /** One region's part of the run. */
  public static final class Region {
    private final String name;
    private final Map<Count, AtomicLong> counts = new EnumMap<>(Count.class);
    private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
    private volatile String error;

    Region(String name) {
      this.name = name;
      for (Count c : Count.values()) {
        counts.put(c, new AtomicLong());
      }
    }

    public String name() {
      return name;
    }

    public long count(Count count) {
      return counts.get(count).get();
    }

    /** The findings, at most {@value #MAX_ROWS}. */
    public List<Row> rows() {
      synchronized (rows) {
        return List.copyOf(rows);
      }
    }

    /** Why the region could not be reconciled to the end (unreachable, listing failed). */
    public Optional<String> error() {
      return Optional.ofNullable(error);
    }

    void add(Count count, long n) {
      counts.get(count).addAndGet(n);
    }

    void row(Row row) {
      synchronized (rows) {
        if (rows.size() < MAX_ROWS) {
          rows.add(row);
        }
      }
    }

    void fail(String why) {
      this.error = why;
    }
  }

  private final Map<String, Region> regions = new LinkedHashMap<>();
  private final boolean dryRun;

  ReconcileReport(boolean dryRun) {
    this.dryRun = dryRun;
  }

  synchronized Region region(String name) {
    return regions.computeIfAbsent(name, Region::new);
  }

  public synchronized List<Region> regions() {
    return List.copyOf(regions.values());
  }

  public boolean dryRun() {
    return dryRun;
  }

  /** Whether every region was reconciled to the end, without failed repairs or conflicts. */
  public boolean clean() {
    return regions().stream()
        .allMatch(
            r -> r.error().isEmpty() && r.count(Count.FAILED) == 0 && r.count(Count.CONFLICT) == 0);
  }

  /** The report as text: a table of counts (a column per region), then the findings. */
  public String table() {
    List<Region> all = regions();
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-26s", dryRun ? "reconcile (dry run)" : "reconcile"));
    all.forEach(r -> out.append(String.format(" %14s", r.name())));
    out.append('\n');
    for (Count c : Count.values()) {
      out.append(String.format("%-26s", c.label()));
      all.forEach(r -> out.append(String.format(" %14d", r.count(c))));
      out.append('\n');
    }
    for (Region r : all) {
      r.error()
          .ifPresent(
              e -> out.append("region ").append(r.name()).append(": ").append(e).append('\n'));
      for (Row row : r.rows()) {
        out.append(
            String.format(
                "%-10s %-50s %-9s %-9s %s%n",
                r.name(),
                row.ref(),
                row.finding().name().toLowerCase(java.util.Locale.ROOT),
                row.action()
                    .map(a -> a.name().toLowerCase(java.util.Locale.ROOT))
                    .orElse("would-fix"),
                row.detail()));
      }
      long found = r.count(Count.MISSING) + r.count(Count.PARTIAL) + r.count(Count.MISMATCH);
      if (found > MAX_ROWS) {
        out.append("region ")
            .append(r.name())
            .append(": only the first ")
            .append(MAX_ROWS)
            .append(" findings are listed; every one is in the log\n");
      }
    }
    return out.toString();
  }
}
