package dev.modmirror.deploy.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every fault injected and, for the scheduled ones, how long the mirror took to recover: from the
 * moment the fault was removed (process restarted, endpoint back, poison sent) until a canary
 * version requested at that moment was warmed and copied to every region. A recovery that did not
 * come within the bound is recorded as {@code -1}.
 */
final class FaultLog {
  private final Map<String, List<Double>> recoveries = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();

  synchronized void recovered(String fault, double seconds) {
    recoveries.computeIfAbsent(fault, f -> new ArrayList<>()).add(seconds);
    counts.merge(fault, 1L, Long::sum);
  }

  /** A fault injected without a recovery measured (upstream answers, poison per record). */
  synchronized void counted(String fault, long count) {
    counts.merge(fault, count, Long::sum);
  }

  synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The longest recovery; a recovery that never came makes this -1. */
  synchronized double maxRecovery() {
    double max = 0;
    for (List<Double> list : recoveries.values()) {
      for (double s : list) {
        if (s < 0) {
          return -1;
        }
        max = Math.max(max, s);
      }
    }
    return max;
  }

  /** Fault kinds injected at least once. */
  synchronized List<String> kinds() {
    return List.copyOf(counts.keySet());
  }

  /** The table: fault, count, median and longest recovery in seconds. */
  synchronized String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(Locale.ROOT, "%-34s %7s %12s %12s%n", "fault", "count", "median_s", "max_s"));
    counts.forEach(
        (fault, count) -> {
          List<Double> r = recoveries.getOrDefault(fault, List.of());
          t.append(
              String.format(
                  Locale.ROOT,
                  "%-34s %7d %12s %12s%n",
                  fault,
                  count,
                  r.isEmpty() ? "-" : seconds(median(r)),
                  r.isEmpty()
                      ? "-"
                      : seconds(
                          r.stream().anyMatch(s -> s < 0)
                              ? -1
                              : r.stream().mapToDouble(Double::doubleValue).max().orElse(0))));
        });
    return t.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String seconds(double s) {
    return s < 0 ? "never" : String.format(Locale.ROOT, "%.1f", s);
  }
}
