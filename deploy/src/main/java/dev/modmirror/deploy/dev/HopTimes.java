package dev.modmirror.deploy.dev;

import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Dev mode's per-hop timings, read from the spans themselves: for each module version, how long its
 * publish, fetch, verify, store and each region's copy took, and its whole path from the first
 * span's start to the last one's end. {@link #print} ends dev mode's report with the slowest.
 */
final class HopTimes implements SpanProcessor {
  private static final List<String> HOPS =
      List.of(
          Telemetry.SPAN_INGEST_PUBLISH,
          Telemetry.SPAN_WARMER_FETCH,
          Telemetry.SPAN_WARMER_VERIFY,
          Telemetry.SPAN_WARMER_STORE);

  /** One version's hops: name to milliseconds, its first start and last end, its trace. */
  private static final class Version {
    final Map<String, Long> millis = new ConcurrentHashMap<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    String traceId = "-";
  }

  /** Hears of every hop as its span ends: its name (a region's copy is the region's name). */
  interface Listener {
    void hop(String hop, boolean ok);
  }

  private final Map<String, Version> versions = new ConcurrentHashMap<>();
  private volatile Listener listener = (hop, ok) -> {};

  /** From now on, tells {@code listener} of every hop (on the thread that ends its span). */
  void listen(Listener listener) {
    this.listener = listener;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    String hop = hop(span);
    if (hop == null) {
      return;
    }
    SpanData data = span.toSpanData();
    String key =
        data.getAttributes().get(Telemetry.MODULE)
            + "@"
            + data.getAttributes().get(Telemetry.VERSION);
    Version v = versions.computeIfAbsent(key, k -> new Version());
    v.millis.merge(hop, TimeUnit.NANOSECONDS.toMillis(span.getLatencyNanos()), Long::sum);
    synchronized (v) {
      v.start = Math.min(v.start, data.getStartEpochNanos());
      v.end = Math.max(v.end, data.getEndEpochNanos());
      if (v.traceId.equals("-")) {
        v.traceId = data.getTraceId();
      }
    }
    listener.hop(hop, data.getStatus().getStatusCode() != StatusCode.ERROR);
  }

  private static String hop(ReadableSpan span) {
    String name = span.getName();
    if (span.getAttribute(Telemetry.MODULE) == null) {
      return null;
    }
    if (HOPS.contains(name)) {
      return name.substring(name.indexOf('.') + 1);
    }
    if (name.equals(Telemetry.SPAN_REPLICATOR_COPY)) {
      return String.valueOf(span.getAttribute(Telemetry.REGION));
    }
    return null;
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /** Prints the {@code limit} slowest versions, one line each, a column per hop, in ms. */
  void print(int limit, PrintStream out) {
    if (versions.isEmpty()) {
      return;
    }
    Set<String> regions = new TreeSet<>();
    versions.values().forEach(v -> regions.addAll(v.millis.keySet()));
    List<String> columns = new ArrayList<>(List.of("publish", "fetch", "verify", "store"));
    regions.removeAll(columns);
    columns.addAll(regions);
    Map<String, Version> slowest = new LinkedHashMap<>();
    versions.entrySet().stream()
        .sorted(
            Comparator.comparingLong((Map.Entry<String, Version> e) -> total(e.getValue()))
                .reversed())
        .limit(limit)
        .forEach(e -> slowest.put(e.getKey(), e.getValue()));
    int width = slowest.keySet().stream().mapToInt(String::length).max().orElse(7);
    StringBuilder header = new StringBuilder(String.format("%-" + width + "s", "slowest (ms)"));
    columns.forEach(c -> header.append(String.format(" %9s", c)));
    out.println(header.append(String.format(" %9s  %s", "total", "trace")));
    slowest.forEach(
        (ref, v) -> {
          StringBuilder line = new StringBuilder(String.format("%-" + width + "s", ref));
          columns.forEach(
              c ->
                  line.append(
                      String.format(" %9s", v.millis.containsKey(c) ? v.millis.get(c) : "-")));
          out.println(line.append(String.format(" %9d  %s", total(v), traceId(v))));
        });
  }

  /**
   * Prints the median and 99th percentile of each hop over every version that made it (nearest
   * rank), one line per hop: fetch, verify, store, then each region's copy.
   */
  void printPercentiles(PrintStream out) {
    if (versions.isEmpty()) {
      return;
    }
    Map<String, List<Long>> byHop = new java.util.TreeMap<>(HopTimes::hopOrder);
    versions
        .values()
        .forEach(
            v ->
                v.millis.forEach(
                    (hop, ms) -> byHop.computeIfAbsent(hop, h -> new ArrayList<>()).add(ms)));
    byHop.remove("publish");
    out.println(String.format("%-20s %9s %9s %9s", "stage (ms)", "p50", "p99", "versions"));
    byHop.forEach(
        (hop, all) -> {
          List<Long> sorted = all.stream().sorted().toList();
          String name = FIXED.contains(hop) ? hop : "replicate " + hop;
          out.println(
              String.format(
                  "%-20s %9d %9d %9d",
                  name, rank(sorted, 0.50), rank(sorted, 0.99), sorted.size()));
        });
  }

  private static final List<String> FIXED = List.of("publish", "fetch", "verify", "store");

  private static int hopOrder(String a, String b) {
    int ia = FIXED.indexOf(a);
    int ib = FIXED.indexOf(b);
    if (ia >= 0 || ib >= 0) {
      return Integer.compare(ia < 0 ? FIXED.size() : ia, ib < 0 ? FIXED.size() : ib);
    }
    return a.compareTo(b);
  }

  /** The nearest-rank percentile of a sorted, non-empty list. */
  static long rank(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static String traceId(Version v) {
    synchronized (v) {
      return v.traceId;
    }
  }

  private static long total(Version v) {
    synchronized (v) {
      return v.end < v.start ? 0 : TimeUnit.NANOSECONDS.toMillis(v.end - v.start);
    }
  }
}
