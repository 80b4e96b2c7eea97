package dev.modmirror.deploy.bench;

import dev.modmirror.deploy.chaos.ChildService;
import dev.modmirror.deploy.chaos.Jcmd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a service running as a child JVM ({@link ChildService}, which logs its
 * collections), sampled every few seconds: {@code jcmd <pid> GC.run} forces a full collection, and
 * the heap after it is read from the child's GC log. A young collection's "after" still holds the
 * old generation's garbage and would climb until the next full one; after a full collection it is
 * what the service really keeps. Reports the peak and the least-squares slope per minute.
 */
final class HeapSampler implements AutoCloseable {
  /** {@code Pause Full (System.gc()) 45M->12M(123M)}: before, after and committed. */
  private static final Pattern FULL =
      Pattern.compile("Pause Full.*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)[KMG]\\)");

  private final ChildService service;
  private final long start = System.nanoTime();
  private final List<double[]> points = new ArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
          });

  private HeapSampler(ChildService service) {
    this.service = service;
  }

  /** Samples {@code service} now and every {@code seconds} until closed. */
  static HeapSampler every(ChildService service, int seconds) {
    HeapSampler sampler = new HeapSampler(service);
    sampler.timer.scheduleWithFixedDelay(sampler::sample, 0, seconds, TimeUnit.SECONDS);
    return sampler;
  }

  /** One sample now (the timer's, or a last one at the end); ignored if the child is gone. */
  void sample() {
    long pid = service.pid();
    if (pid < 0) {
      return;
    }
    try {
      if (Jcmd.run(pid, "GC.run").isEmpty()) {
        return;
      }
      double mib = lastFullMib(service.gcLog());
      if (!Double.isNaN(mib)) {
        double minutes = (System.nanoTime() - start) / 6e10;
        synchronized (this) {
          points.add(new double[] {minutes, mib});
        }
        System.err.printf(Locale.ROOT, "heap: %.1f min %.1f MiB after GC%n", minutes, mib);
      }
    } catch (IOException e) {
      System.err.println("heap: cannot run jcmd: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The largest heap after a full collection seen, MiB; NaN before any. */
  synchronized double peakMib() {
    return points.stream().mapToDouble(p -> p[1]).max().orElse(Double.NaN);
  }

  synchronized int samples() {
    return points.size();
  }

  /**
   * The least-squares slope of heap after GC, MiB per minute, over the samples taken after the
   * first {@code skipMinutes} (class loading, JIT and pools filling up are no leak); 0 with fewer
   * than two.
   */
  synchronized double slopeMibPerMinute(double skipMinutes) {
    List<double[]> used = points.stream().filter(p -> p[0] >= skipMinutes).toList();
    int n = used.size();
    if (n < 2) {
      return 0;
    }
    double mx = used.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = used.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (double[] p : used) {
      num += (p[0] - mx) * (p[1] - my);
      den += (p[0] - mx) * (p[0] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  /** Stops the timer, waiting for a sample in progress. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(2, TimeUnit.MINUTES);
  }

  static double lastFullMib(Path gcLog) throws IOException {
    if (!Files.exists(gcLog)) {
      return Double.NaN;
    }
    List<String> lines = Files.readAllLines(gcLog, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = FULL.matcher(lines.get(i));
      if (m.find()) {
        long value = Long.parseLong(m.group(3));
        return switch (m.group(4)) {
          case "K" -> value / 1024.0;
          case "G" -> value * 1024.0;
          default -> value;
        };
      }
    }
    return Double.NaN;
  }
}
