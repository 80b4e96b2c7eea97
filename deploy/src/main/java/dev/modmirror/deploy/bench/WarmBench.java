package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.deploy.dev.DevCluster;
import dev.modmirror.deploy.dev.DevMirror;
import dev.modmirror.deploy.dev.OutcomeCollector;
import dev.modmirror.deploy.dev.VersionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench warm}: end-to-end warm throughput of a whole mirror on the dev cluster,
 * against a plain sequential copy of the same bytes on the same servers ({@link BaselineCopy}).
 * Prints {@code RESULT warm …} last. Exit 0 only if every version was warmed and verified.
 */
@Command(name = "bench-warm", mixinStandardHelpOptions = true)
public final class WarmBench implements Callable<Integer> {
  /** The warmer's poll and worker threads ({@code kafka-<group>-…}). */
  private static final String WARMER_THREADS = "kafka-modmirror-warmer";

  @Option(names = "--versions", defaultValue = "200", description = "Versions to warm.")
  int versions;

  @Option(names = "--zip-kib", defaultValue = "64", description = "Zip size of each, KiB.")
  int zipKib;

  @Option(names = "--regions", defaultValue = "2", description = "Region buckets.")
  int regions;

  @Option(
      names = "--timeout",
      defaultValue = "PT15M",
      description = "Wait at most this long with no version ending.")
  Duration timeout;

  @Option(names = "--data-dir", description = "Where servers keep data (default: a temp dir).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new WarmBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (versions < 1 || zipKib < 1 || regions < 1 || regions > 16) {
      System.err.println("need --versions >= 1, --zip-kib >= 1, 1 <= --regions <= 16");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-");
    try {
      return run(dir);
    } finally {
      if (dataDir == null) {
        Trees.delete(dir);
      }
    }
  }

  private int run(Path dir) throws Exception {
    Path tree = dir.resolve("upstream");
    SyntheticUpstream warmup = SyntheticUpstream.write(tree, "bench.example/warmup", 2, zipKib);
    SyntheticUpstream upstream = SyntheticUpstream.write(tree, "bench.example/m", versions, zipKib);
    log("upstream tree: %d versions, %.1f MiB, in %s", versions, mib(upstream.bytes()), tree);
    try (DevMirror dev = DevMirror.start(dir, regions, tree.toUri().toString(), "off")) {
      DevCluster cluster = dev.cluster();
      var bus = dev.bus();
      var warm = dev.warmAndReport();
      // Joins every consumer group and warms the JIT, so the timed run measures steady work.
      if (!allComplete(warm.run("warmup/go.mod", warmup.goMod(), timeout))) {
        return 1;
      }
      AtomicLong outcomesAt = new AtomicLong();
      Thread watcher = watchOutcomes(bus, upstream, dev.regions(), outcomesAt);
      long cpuStarted = Measure.processCpuNanos();
      Map<Long, Long> warmerBefore = Measure.threadCpuNanos(WARMER_THREADS);
      long started = System.nanoTime();
      List<VersionReport> reports = warm.run("bench/go.mod", upstream.goMod(), timeout);
      long warmNanos = System.nanoTime() - started;
      long warmCpu = Measure.processCpuNanos() - cpuStarted;
      long warmerCpu = Measure.cpuSince(warmerBefore, Measure.threadCpuNanos(WARMER_THREADS));
      watcher.join(timeout.toMillis());
      if (!allComplete(reports)) {
        return 1;
      }
      log(
          "outcomes all in after %.2f s; region read-back checks took the remaining %.2f s",
          seconds(outcomesAt.get() - started), seconds(started + warmNanos - outcomesAt.get()));
      long baselineCpuStarted = Measure.processCpuNanos();
      long baselineNanos = baseline(cluster, tree, upstream);
      long baselineCpu = Measure.processCpuNanos() - baselineCpuStarted;
      // CPU seconds of the whole process (both cores): near 2 x wall time means CPU-bound.
      log(
          "process CPU: warm %.1f s in %.1f s wall, baseline %.1f s in %.1f s wall",
          seconds(warmCpu), seconds(warmNanos), seconds(baselineCpu), seconds(baselineNanos));
      log(
          "CPU per version: %.1f ms for the process (broker, S3 servers, region copies, read-back"
              + " checks included), %.1f ms on the warmer's own threads",
          1000 * seconds(warmCpu) / versions, 1000 * seconds(warmerCpu) / versions);
      printResult(upstream, warmNanos, baselineNanos, warmCpu, warmerCpu);
      return 0;
    }
  }

  private Thread watchOutcomes(
      dev.modmirror.core.event.EventBus bus,
      SyntheticUpstream upstream,
      List<ModuleStore> stores,
      AtomicLong doneAt) {
    OutcomeCollector collector = OutcomeCollector.start(bus);
    var names = new LinkedHashSet<String>();
    stores.forEach(s -> names.add(s.name()));
    Thread thread =
        new Thread(
            () -> {
              try (collector) {
                collector.await(new LinkedHashSet<>(upstream.refs()), names, timeout);
                doneAt.set(System.nanoTime());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-outcomes");
    thread.start();
    return thread;
  }

  private long baseline(DevCluster cluster, Path tree, SyntheticUpstream upstream) {
    ModuleStore primary = MinioModuleStore.create("baseline-primary", other(cluster.primary()));
    List<ModuleStore> regionStores = new ArrayList<>();
    for (Map.Entry<String, S3Config> region : cluster.regions().entrySet()) {
      regionStores.add(
          MinioModuleStore.create("baseline-" + region.getKey(), other(region.getValue())));
    }
    return BaselineCopy.run(tree, upstream.refs(), primary, regionStores);
  }

  /** The same endpoint, another bucket: the baseline must not find the warmed objects. */
  private static S3Config other(S3Config c) {
    return new S3Config(
        c.endpoint(), c.accessKey(), c.secretKey(), c.bucket() + "-baseline", c.region());
  }

  private void printResult(
      SyntheticUpstream upstream,
      long warmNanos,
      long baselineNanos,
      long warmCpuNanos,
      long warmerCpuNanos) {
    double warmPerS = versions / seconds(warmNanos);
    double basePerS = versions / seconds(baselineNanos);
    System.out.printf(
        Locale.ROOT,
        "RESULT warm versions=%d regions=%d seconds=%.2f versions_per_s=%.1f mib_per_s=%.2f"
            + " baseline_versions_per_s=%.1f ratio=%.2f zip_kib=%d baseline_seconds=%.2f"
            + " cpu_ms_per_version=%.1f warmer_cpu_ms_per_version=%.1f%n",
        versions,
        regions,
        seconds(warmNanos),
        warmPerS,
        mib(upstream.bytes()) / seconds(warmNanos),
        basePerS,
        warmPerS / basePerS,
        zipKib,
        seconds(baselineNanos),
        1000 * seconds(warmCpuNanos) / versions,
        1000 * seconds(warmerCpuNanos) / versions);
  }

  private static boolean allComplete(List<VersionReport> reports) {
    List<VersionReport> bad = reports.stream().filter(r -> !r.complete()).toList();
    bad.stream().limit(10).forEach(r -> log("not complete: %s", r));
    if (!bad.isEmpty()) {
      log("%d of %d versions not warmed and verified everywhere", bad.size(), reports.size());
    }
    return bad.isEmpty();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench warm: " + format + "%n", args);
  }
}
