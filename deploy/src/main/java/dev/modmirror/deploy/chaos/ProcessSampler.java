package dev.modmirror.deploy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Samples each service process while the soak runs: threads and open files (from {@code /proc}) and
 * the bytes in the spool directory every sample, the live heap once a minute (a class histogram
 * after a full collection: {@link ClassHistogram}); then fits a least-squares line through each
 * series and reports its slope per hour, and which classes grew after the warm-up. Linux only.
 */
final class ProcessSampler {
  /**
   * How often the live heap is taken: each is a full collection in the service and a jcmd JVM
   * started here, so not every sample.
   */
  private static final double LIVE_EVERY_HOURS = 1 / 60.0;

  /** Classes named per process in the table. */
  private static final int GROWERS = 5;

  /** One series' points: hours since the first sample, value. */
  static final class Series {
    final List<double[]> points = new ArrayList<>();

    void add(double hours, double value) {
      if (!Double.isNaN(value)) {
        points.add(new double[] {hours, value});
      }
    }

    /**
     * The least-squares slope per hour of the points taken {@code warmUpHours} or more after the
     * first (all of them when fewer than two are that late), 0 with fewer than two points.
     */
    double slope(double warmUpHours) {
      List<double[]> late =
          points.isEmpty()
              ? points
              : points.stream().filter(p -> p[0] - points.get(0)[0] >= warmUpHours).toList();
      return fit(late.size() < 2 ? points : late);
    }

    private static double fit(List<double[]> points) {
      int n = points.size();
      if (n < 2) {
        return 0;
      }
      double sx = 0;
      double sy = 0;
      for (double[] p : points) {
        sx += p[0];
        sy += p[1];
      }
      double mx = sx / n;
      double my = sy / n;
      double num = 0;
      double den = 0;
      for (double[] p : points) {
        num += (p[0] - mx) * (p[1] - my);
        den += (p[0] - mx) * (p[0] - mx);
      }
      return den == 0 ? 0 : num / den;
    }

    double last() {
      return points.isEmpty() ? Double.NaN : points.get(points.size() - 1)[1];
    }
  }

  private final Map<String, Map<String, Series>> series = new LinkedHashMap<>();
  // Per service: the first histogram after the warm-up and the latest, of one process (pid).
  private final Map<String, Histograms> histograms = new LinkedHashMap<>();
  private double liveAt = Double.NEGATIVE_INFINITY;
  private final Series spool = new Series();
  // Requests accepted and not ended yet: flat when the mirror keeps up with the load.
  private final Series backlog = new Series();
  private final long start = System.nanoTime();
  private final Path spoolDir;
  private final double warmUpHours;

  /**
   * @param warmUp how long after the first sample the slopes begin: pools, caches and the JIT fill
   *     during the first minutes, which is growth but no leak
   */
  ProcessSampler(Path spoolDir, java.time.Duration warmUp) {
    this.spoolDir = spoolDir;
    this.warmUpHours = warmUp.toMillis() / 3.6e6;
  }

  /** Takes one sample of every running service. */
  synchronized void sample(Map<String, ChildService> services) {
    double hours = (System.nanoTime() - start) / 3.6e12;
    boolean live = hours - liveAt >= LIVE_EVERY_HOURS;
    if (live) {
      liveAt = hours;
    }
    for (ChildService s : services.values()) {
      long pid = s.pid();
      if (pid < 0) {
        continue;
      }
      Map<String, Series> mine = series.computeIfAbsent(s.name(), k -> new LinkedHashMap<>());
      Series heap = mine.computeIfAbsent("heap_mib", k -> new Series());
      if (live) {
        ClassHistogram.of(pid)
            .ifPresent(
                h -> {
                  heap.add(hours, h.totalMib());
                  histograms
                      .computeIfAbsent(s.name(), k -> new Histograms())
                      .taken(pid, h, hours >= warmUpHours);
                });
      }
      mine.computeIfAbsent("threads", k -> new Series()).add(hours, threads(pid));
      mine.computeIfAbsent("fds", k -> new Series()).add(hours, fds(pid));
    }
    spool.add(hours, spoolMib());
  }

  /** Records how many accepted requests had not ended at this moment. */
  synchronized void backlog(long open) {
    backlog.add((System.nanoTime() - start) / 3.6e12, open);
  }

  /**
   * The backlog's slope per minute after the warm-up: near 0 when the mirror ends requests as fast
   * as they come, the shortfall in versions/s times 60 when it does not.
   */
  synchronized double backlogSlopePerMinute() {
    return backlog.slope(warmUpHours) / 60;
  }

  synchronized double backlogLast() {
    return backlog.last();
  }

  /** The largest slope per hour of {@code what} over every service. */
  synchronized double maxSlope(String what) {
    return series.values().stream()
        .map(m -> m.get(what))
        .filter(java.util.Objects::nonNull)
        .mapToDouble(x -> x.slope(warmUpHours))
        .max()
        .orElse(0);
  }

  synchronized double spoolSlope() {
    return spool.slope(warmUpHours);
  }

  /** Per service: last value and slope per hour of heap, threads and open files. */
  synchronized String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "%-22s %10s %14s %8s %12s %6s %10s%n",
            "process",
            "heap_mib",
            "heap_mib/h",
            "threads",
            "threads/h",
            "fds",
            "fds/h"));
    series.forEach(
        (name, m) ->
            t.append(
                String.format(
                    Locale.ROOT,
                    "%-22s %10.1f %14.2f %8.0f %12.2f %6.0f %10.2f%n",
                    name,
                    m.get("heap_mib").last(),
                    m.get("heap_mib").slope(warmUpHours),
                    m.get("threads").last(),
                    m.get("threads").slope(warmUpHours),
                    m.get("fds").last(),
                    m.get("fds").slope(warmUpHours))));
    histograms.forEach((name, h) -> t.append(h.growth(name)));
    t.append(
        String.format(
            Locale.ROOT, "spool: %.1f MiB, %.2f MiB/h%n", spool.last(), spool.slope(warmUpHours)));
    t.append(
        String.format(
            Locale.ROOT,
            "backlog: %.0f requests not ended, %.1f/min%n",
            backlog.last(),
            backlog.slope(warmUpHours) / 60));
    return t.toString();
  }

  private static double threads(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("Threads:")) {
          return Double.parseDouble(line.substring("Threads:".length()).trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone meanwhile
    }
    return Double.NaN;
  }

  private static double fds(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  private double spoolMib() {
    try (Stream<Path> files = Files.walk(spoolDir)) {
      return files
              .filter(Files::isRegularFile)
              .mapToLong(
                  f -> {
                    try {
                      return Files.size(f);
                    } catch (IOException e) {
                      return 0;
                    }
                  })
              .sum()
          / (1024.0 * 1024.0);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Double.NaN;
    }
  }

  /** A service's first histogram after the warm-up and its latest, while its process lives. */
  private static final class Histograms {
    private long pid = -1;
    private ClassHistogram first;
    private ClassHistogram latest;

    void taken(long pid, ClassHistogram histogram, boolean afterWarmUp) {
      if (pid != this.pid) {
        // A restarted process starts over: its growth says nothing about the one before.
        this.pid = pid;
        first = null;
      }
      if (afterWarmUp && first == null) {
        first = histogram;
      }
      latest = histogram;
    }

    String growth(String name) {
      if (first == null || latest == first) {
        return "";
      }
      StringBuilder t =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s live heap after the warm-up: %.1f -> %.1f MiB; grew most:%n",
                  name,
                  first.totalMib(),
                  latest.totalMib()));
      for (ClassHistogram.Growth g : latest.grownSince(first, GROWERS)) {
        t.append(
            String.format(
                Locale.ROOT,
                "  %+10d B %+9d instances  %s%n",
                g.bytes(),
                g.instances(),
                g.className()));
      }
      return t.toString();
    }
  }
}
