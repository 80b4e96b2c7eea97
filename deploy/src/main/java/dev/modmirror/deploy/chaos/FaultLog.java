package dev.modmirror.deploy.chaos;

import dev.modmirror.core.module.ModuleRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Every fault injected and, for the scheduled ones, how long the mirror took to recover: from the
 * moment the fault was removed (process restarted, endpoint back, poison sent) until a canary
 * version requested at that moment was warmed and copied to every region. The run waits for a
 * canary up to a bound and then goes on with the schedule; a canary not complete by then is
 * <em>late</em>, and its recovery is still measured, to the moment it completed, once the run has
 * settled ({@link #resolveLate}). A canary that never completed is a recovery that never came:
 * {@link Double#POSITIVE_INFINITY}, printed {@code never}.
 */
final class FaultLog {
  /** One scheduled fault's recovery. {@code canary} is null once measured. */
  private static final class Recovery {
    double seconds;
    boolean late;
    ModuleRef canary;
    long fromNanos;
  }

  private final Map<String, List<Recovery>> recoveries = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final double boundSeconds;
  private double baseline = Double.NaN;

  FaultLog(double boundSeconds) {
    this.boundSeconds = boundSeconds;
  }

  /** The first canary's time through the started mirror, before any fault: the pipeline's pace. */
  synchronized void baseline(double seconds) {
    baseline = seconds;
  }

  synchronized double baseline() {
    return baseline;
  }

  synchronized void recovered(String fault, double seconds) {
    Recovery r = add(fault);
    r.seconds = seconds;
  }

  /**
   * A canary not complete within the bound: its recovery is measured later by {@link #resolveLate},
   * from {@code fromNanos} ({@link System#nanoTime()} when the fault was removed).
   */
  synchronized void late(String fault, ModuleRef canary, long fromNanos) {
    Recovery r = add(fault);
    r.late = true;
    r.canary = canary;
    r.fromNanos = fromNanos;
    r.seconds = Double.POSITIVE_INFINITY;
  }

  /** Measures the late canaries: {@code completedAt} gives when one completed, if it did. */
  synchronized void resolveLate(Function<ModuleRef, OptionalLong> completedAt) {
    recoveries.values().stream()
        .flatMap(List::stream)
        .filter(r -> r.canary != null)
        .forEach(
            r -> {
              OptionalLong at = completedAt.apply(r.canary);
              if (at.isPresent()) {
                r.seconds = Math.max(boundSeconds, (at.getAsLong() - r.fromNanos) / 1e9);
              }
              r.canary = null;
            });
  }

  private Recovery add(String fault) {
    Recovery r = new Recovery();
    recoveries.computeIfAbsent(fault, f -> new ArrayList<>()).add(r);
    counts.merge(fault, 1L, Long::sum);
    return r;
  }

  /** A fault injected without a recovery measured (upstream answers, poison per record). */
  synchronized void counted(String fault, long count) {
    counts.merge(fault, count, Long::sum);
  }

  synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Recoveries measured (one per scheduled fault). */
  synchronized int recoveries() {
    return (int) recoveries.values().stream().mapToLong(List::size).sum();
  }

  /** The longest recovery, late ones included; infinite if one never came; 0 if none. */
  synchronized double maxRecovery() {
    return recoveries.values().stream()
        .flatMap(List::stream)
        .mapToDouble(r -> r.seconds)
        .max()
        .orElse(0);
  }

  /** Recoveries that did not come within the bound (those that never came included). */
  synchronized int late() {
    return (int) recoveries.values().stream().flatMap(List::stream).filter(r -> r.late).count();
  }

  /** Recoveries that never came: the canary had not completed when the run read back. */
  synchronized int never() {
    return (int)
        recoveries.values().stream()
            .flatMap(List::stream)
            .filter(r -> Double.isInfinite(r.seconds))
            .count();
  }

  double boundSeconds() {
    return boundSeconds;
  }

  /** Fault kinds injected at least once. */
  synchronized List<String> kinds() {
    return List.copyOf(counts.keySet());
  }

  /** The table: fault, count, median and longest recovery in seconds, how many were late. */
  synchronized String table() {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "%-34s %7s %12s %12s %6s%n",
            "fault",
            "count",
            "median_s",
            "max_s",
            "late"));
    counts.forEach(
        (fault, count) -> {
          List<Double> r =
              recoveries.getOrDefault(fault, List.of()).stream().map(x -> x.seconds).toList();
          long late =
              recoveries.getOrDefault(fault, List.of()).stream().filter(x -> x.late).count();
          t.append(
              String.format(
                  Locale.ROOT,
                  "%-34s %7d %12s %12s %6s%n",
                  fault,
                  count,
                  r.isEmpty() ? "-" : seconds(median(r)),
                  r.isEmpty()
                      ? "-"
                      : seconds(r.stream().mapToDouble(Double::doubleValue).max().orElse(0)),
                  r.isEmpty() ? "-" : Long.toString(late)));
        });
    return t.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** Seconds with one decimal, {@code never} for a recovery that never came. */
  static String seconds(double s) {
    return Double.isInfinite(s) ? "never" : String.format(Locale.ROOT, "%.1f", s);
  }
}
