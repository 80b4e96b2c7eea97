package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.error.Retry;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.embedded.kafka.EmbeddedKafka;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReconcileReport;
import dev.modmirror.replicator.ReconcileReport.Count;
import dev.modmirror.replicator.ReconcileSettings;
import dev.modmirror.replicator.Reconciler;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.replicator.ReplicatorService;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench replicate}: a broker in this JVM and three S3 servers (a primary and two
 * regions), each a process of its own ({@link GoS3Server}), which rclone talks to as well: this
 * JVM's CPU is modmirror's and the broker's only. Two measurements:
 *
 * <ol>
 *   <li><b>Converge</b>: the primary holds {@code --objects} objects ({@code .info}, {@code .mod},
 *       {@code .zip} of {@code --objects}/3 versions, ten per module, zips of {@code --zip-kib}
 *       incompressible KiB); both regions are empty, as two regions just added by configuration.
 *       modmirror converges them with one reconcile run (what fills an added region: every version
 *       copied through the verified copy, zip re-hashed, {@code .info} last, a repair event
 *       published per version), each region with {@code --concurrency} copies at once. The baseline
 *       is Debian's {@code rclone sync} from the same primary bucket to a fresh bucket on each
 *       region's endpoint, both regions at once, {@code --transfers} = {@code --concurrency}. With
 *       {@code --region-latency-ms L} the regions' servers answer every request L ms after it
 *       arrived (as remote regions would; the primary, beside the replicator as in production,
 *       answers at once), for modmirror and rclone alike. Before the timed run, {@code --warmup}
 *       versions of other modules are converged untimed (the JIT's compilation of the copy path, as
 *       a long-running replicator has paid it); both the timed run and rclone copy the measured
 *       modules only.
 *   <li><b>Steady state</b>: the replicator as the service runs it (a consumer group per region)
 *       over three fresh S3 servers; {@code --rate} warmed events a second for {@code
 *       --steady-seconds}, after {@code --steady-warmup-seconds} of the same untimed, each of a
 *       version already in the primary (as the warmer publishes it); the lag of a version is the
 *       time from its warmed event to its {@code RegionReplicated} in the last region (the time the
 *       event carries, stamped when the copy ended, not when this bench read it). {@code
 *       --in-flight} sets the copies at once per region; the regions' servers answer after {@code
 *       --region-latency-ms} here too.
 * </ol>
 *
 * Prints {@code RESULT replicate seconds=… baseline_seconds=… ratio=… p50_lag_ms=… p99_lag_ms=…}
 * last (ratio = rclone's seconds / ours), with CPU per version and region, which depends on the
 * machine's load far less than the times do: {@code cpu_ms_per_copy} and {@code
 * steady_cpu_ms_per_copy} this JVM's (modmirror and the broker) in the timed converge and in the
 * steady state, {@code baseline_cpu_ms_per_copy} rclone's processes', {@code s3_…} the S3 servers'
 * in the same windows and {@code machine_…} the whole machine's ({@code /proc/stat}, other users'
 * work included). Exit 0 only if both regions ended with every version.
 */
@Command(name = "bench-replicate", mixinStandardHelpOptions = true)
public final class ReplicateBench implements Callable<Integer> {
  private static final int VERSIONS_PER_MODULE = 10;
  private static final List<String> REGIONS = List.of("region-1", "region-2");
  private static final String MEASURED = "bench.example/";
  private static final String WARMUP = "warmup.example/";
  private static final String BUCKET = "bench";
  private static final Retry RETRY = Retry.of(10, Duration.ofMillis(50));

  @Option(
      names = "--objects",
      defaultValue = "600",
      description =
          "Objects in the primary to converge; the default is sized for a shared 2-core machine"
              + " (the issue's full size: 10000, --full).")
  int objects;

  @Option(names = "--zip-kib", defaultValue = "100", description = "Zip size, KiB.")
  int zipKib;

  @Option(names = "--full", description = "The issue's size: 10000 objects, 300 KiB zips (~1 GiB).")
  boolean full;

  @Option(
      names = "--concurrency",
      defaultValue = "4",
      description = "Copies at once per region (modmirror's) = rclone's --transfers.")
  int concurrency;

  @Option(
      names = "--warmup",
      defaultValue = "400",
      description =
          "Versions converged untimed first (other modules, same sizes), so that the JIT's"
              + " compilation of the copy path is outside the measured run, as in a long-running"
              + " replicator; 0 for none. 100 until 2026-11-30 (night), when the JIT still took"
              + " about a third of the measured run's CPU.")
  int warmup;

  @Option(
      names = "--region-latency-ms",
      defaultValue = "0",
      description =
          "Milliseconds the regions' S3 servers wait before answering each request, as remote"
              + " regions would (the primary's answers at once), in the converge (modmirror and"
              + " rclone alike) and the steady state. Before 2026-12-01 (morning) a sleep in this"
              + " JVM delayed modmirror's region requests only, and rclone was not run then.")
  int regionLatencyMs;

  @Option(names = "--rate", defaultValue = "200", description = "Warmed events a second.")
  int rate;

  @Option(names = "--steady-seconds", defaultValue = "5", description = "Steady state length.")
  int steadySeconds;

  @Option(
      names = "--steady-warmup-seconds",
      defaultValue = "20",
      description =
          "Seconds of events at --rate replicated untimed before the steady state is measured (at"
              + " least 50 events), so that the JIT has compiled the replicator's path, as in a"
              + " long-running service.")
  int steadyWarmupSeconds;

  @Option(
      names = "--steady-zip-kib",
      defaultValue = "0",
      description =
          "Incompressible KiB in each steady-state version's zip; 0 (the default) for a zip of one"
              + " small file.")
  int steadyZipKib;

  @Option(
      names = "--in-flight",
      defaultValue = "" + ReplicatorConfig.DEFAULT_IN_FLIGHT,
      description =
          "Copies at once per region in the steady state, as MODMIRROR_REPLICATOR_IN_FLIGHT sets"
              + " them for the service; the service's default unless given.")
  int inFlight;

  @Option(names = "--rclone", defaultValue = "rclone", description = "The rclone binary.")
  String rclone;

  @Option(names = "--data-dir", description = "Where servers keep data (default: a temp dir).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new ReplicateBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (full) {
      objects = 10_000;
      zipKib = 300;
    }
    if (objects < 3
        || zipKib < 1
        || concurrency < 1
        || rate < 1
        || steadySeconds < 1
        || warmup < 0
        || steadyWarmupSeconds < 0
        || steadyZipKib < 0
        || regionLatencyMs < 0) {
      System.err.println(
          "need --objects >= 3, --zip-kib, --concurrency, --rate, --steady-seconds >= 1,"
              + " --region-latency-ms >= 0");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      int versions = objects / 3;
      Path spool = Files.createDirectories(dir.resolve("spool"));
      ReplicatorConfig config =
          new ReplicatorConfig(
              spool,
              5,
              Duration.ofMillis(200),
              "bench-replicate",
              1,
              inFlight,
              Consumption.DEFAULT_DEADLINE,
              Consumption.DEFAULT_GRACE);
      Converged ours;
      Baseline baseline;
      try (S3Servers servers = S3Servers.start(dir, "converge", regionLatency());
          Adapters adapters = open(kafka.bootstrapServers(), servers, config, spool)) {
        long filled = System.nanoTime();
        fill(adapters.primary(), MEASURED, versions);
        fill(adapters.primary(), WARMUP, warmup);
        System.err.printf(
            Locale.ROOT,
            "bench: %d versions (%d objects, %d MiB) in the primary, %d to warm up, in %.0f s%n",
            versions,
            versions * 3,
            (long) versions * zipKib >> 10,
            warmup,
            seconds(filled));
        ours = converge(adapters, servers, config, versions);
        baseline = rclone(servers, dir, versions);
      }
      Steady steady;
      try (S3Servers servers = S3Servers.start(dir, "steady", regionLatency());
          Adapters adapters = open(kafka.bootstrapServers(), servers, config, spool)) {
        steady = steady(adapters, servers, config);
      }
      System.out.printf(
          Locale.ROOT,
          "RESULT replicate seconds=%.1f baseline_seconds=%.1f ratio=%.2f p50_lag_ms=%d"
              + " p99_lag_ms=%d objects=%d zip_kib=%d concurrency=%d rate=%d lag_samples=%d"
              + " warmup=%d cpu_ms_per_copy=%.1f steady_cpu_ms_per_copy=%.1f"
              + " s3_cpu_ms_per_copy=%.1f steady_s3_cpu_ms_per_copy=%.1f"
              + " baseline_cpu_ms_per_copy=%.1f baseline_s3_cpu_ms_per_copy=%.1f"
              + " machine_cpu_ms_per_copy=%.1f steady_machine_cpu_ms_per_copy=%.1f"
              + " baseline_machine_cpu_ms_per_copy=%.1f steady_warmup=%d%n",
          ours.seconds,
          baseline.seconds,
          baseline.seconds / ours.seconds,
          percentile(steady.lags(), 50),
          percentile(steady.lags(), 99),
          versions * 3,
          zipKib,
          concurrency,
          rate,
          steady.lags().length,
          warmup,
          ours.cpu.processMs(),
          steady.cpu().processMs(),
          ours.cpu.s3Ms(),
          steady.cpu().s3Ms(),
          baseline.cpu.processMs(),
          baseline.cpu.s3Ms(),
          ours.cpu.machineMs(),
          steady.cpu().machineMs(),
          baseline.cpu.machineMs(),
          steady.warmup());
      return ours.complete && baseline.seconds > 0 ? 0 : 1;
    } finally {
      if (dataDir == null) {
        Trees.deleteQuietly(dir);
      }
    }
  }

  /**
   * @param cpu per version and region copied in the timed run: this JVM's (reconcile and the
   *     broker), the three S3 servers' and the machine's
   */
  private record Converged(double seconds, boolean complete, CpuPerCopy cpu) {}

  /**
   * @param seconds rclone's wall-clock time, negative when it failed
   * @param cpu per version and region: rclone's processes, the S3 servers' and the machine's
   */
  private record Baseline(double seconds, CpuPerCopy cpu) {}

  /**
   * @param lags per version, in every region − warmed, milliseconds, sorted
   * @param cpu from the first paced event to the last arrival, per version and region
   * @param warmup events replicated (paced, untimed) before the measured stream
   */
  private record Steady(long[] lags, CpuPerCopy cpu, int warmup) {}

  /**
   * CPU milliseconds per version and region in one window: the measured process's (this JVM, or
   * rclone's), the S3 servers' (processes of their own) and the whole machine's ({@code
   * /proc/stat}: the two before plus whatever else ran, other users' builds included), so that a
   * cost moved out of the process is not read as a cost saved.
   */
  private record CpuPerCopy(double processMs, double s3Ms, double machineMs) {
    static final CpuPerCopy NONE = new CpuPerCopy(Double.NaN, Double.NaN, Double.NaN);
  }

  /** CPU counters at the start of a window; {@link #perCopy} closes it. */
  private record CpuWindow(long process, long s3, long machine) {
    static CpuWindow open(long process, S3Servers servers) {
      return new CpuWindow(process, servers.cpuNanos(), Measure.machineBusyNanos());
    }

    CpuPerCopy perCopy(long processNow, S3Servers servers, long copies) {
      double per = 1e6 * copies;
      return new CpuPerCopy(
          (processNow - process) / per,
          (servers.cpuNanos() - s3) / per,
          (Measure.machineBusyNanos() - machine) / per);
    }
  }

  /**
   * The primary's and each region's S3 server, each a process of its own ({@link GoS3Server}, in
   * memory), so that their CPU is not this JVM's: rclone talks to the same servers. The regions'
   * answer {@code regionLatency} after each request, the primary's at once.
   */
  private record S3Servers(GoS3Server primary, Map<String, GoS3Server> regions)
      implements AutoCloseable {
    static S3Servers start(Path dir, String tag, Duration regionLatency)
        throws IOException, InterruptedException {
      GoS3Server primary = GoS3Server.start(BUCKET, dir.resolve(tag + "-primary-s3.log"));
      Map<String, GoS3Server> regions = new LinkedHashMap<>();
      S3Servers servers = new S3Servers(primary, regions);
      try {
        for (String region : REGIONS) {
          regions.put(
              region,
              GoS3Server.start(BUCKET, regionLatency, dir.resolve(tag + "-" + region + ".log")));
        }
        return servers;
      } catch (IOException | RuntimeException e) {
        servers.close();
        throw e;
      }
    }

    long cpuNanos() {
      return primary.cpuNanos() + regions.values().stream().mapToLong(GoS3Server::cpuNanos).sum();
    }

    @Override
    public void close() throws InterruptedException {
      for (GoS3Server region : regions.values()) {
        region.close();
      }
      primary.close();
    }
  }

  /** This process's threads' CPU at the start of a window, printed by group at its end. */
  private record Threads(Map<Long, Measure.ThreadCpu> kernel, Map<Long, Measure.ThreadCpu> java) {
    static Threads now() {
      return new Threads(Measure.nativeThreadCpu(), Measure.javaThreadCpu());
    }

    /** Prints the window's CPU by thread group, {@code total} being the process's in it. */
    void print(long total) {
      System.err.println("bench:  this process by thread (kernel names, digits folded):");
      Measure.cpuByThreadGroup(kernel, Measure.nativeThreadCpu(), total).stream()
          .limit(12)
          .forEach(line -> System.err.println("bench:   " + line));
      System.err.println("bench:  its Java threads (full names, digits folded):");
      Map<Long, Measure.ThreadCpu> after = Measure.javaThreadCpu();
      long live = Measure.cpuSince(java, after, "");
      Measure.cpuByThreadGroup(java, after, live).stream()
          .limit(12)
          .forEach(line -> System.err.println("bench:   " + line));
    }
  }

  private static S3Config s3(String name, GoS3Server server) {
    // The server checks no signature; the credentials are signed with as against S3.
    return new S3Config(server.endpoint(), "bench", "bench-" + name, server.bucket(), "us-east-1");
  }

  /**
   * One reconcile run of the measured modules over the two empty regions, timed, after an untimed
   * one of the warm-up modules.
   */
  private Converged converge(
      Adapters adapters, S3Servers servers, ReplicatorConfig config, int versions) {
    Reconciler reconciler = Services.over(adapters).reconciler(config);
    if (warmup > 0) {
      long warming = System.nanoTime();
      reconciler.run(new ReconcileSettings(WARMUP, false, concurrency));
      System.err.printf(
          Locale.ROOT,
          "bench: %d warm-up versions converged in %.1f s%n",
          warmup,
          seconds(warming));
    }
    long started = System.nanoTime();
    Threads threads = Threads.now();
    long cpuBefore = Measure.processCpuNanos();
    CpuWindow window = CpuWindow.open(cpuBefore, servers);
    ReconcileReport report = reconciler.run(new ReconcileSettings(MEASURED, false, concurrency));
    double seconds = seconds(started);
    long cpuAfter = Measure.processCpuNanos();
    threads.print(cpuAfter - cpuBefore);
    CpuPerCopy cpu = window.perCopy(cpuAfter, servers, (long) versions * REGIONS.size());
    boolean complete = report.clean();
    for (ReconcileReport.Region region : report.regions()) {
      long copied = region.count(Count.COPIED);
      System.err.printf(
          Locale.ROOT, "bench: modmirror copied %d versions to %s%n", copied, region.name());
      complete &= copied == versions;
    }
    System.err.printf(Locale.ROOT, "bench: modmirror converged in %.1f s%n", seconds);
    // Each region's copies run `concurrency` at once, all the time: a version's latency from its
    // start to its .info is the walk's time per version times that.
    System.err.printf(
        Locale.ROOT,
        "bench: %.0f ms per version from start to .info (%d at once per region)%n",
        seconds * 1e3 * concurrency / versions,
        concurrency);
    System.err.printf(
        Locale.ROOT,
        "bench: CPU per version and region: %.1f ms this process, %.1f ms the S3 servers, %.1f ms"
            + " the machine%n",
        cpu.processMs(),
        cpu.s3Ms(),
        cpu.machineMs());
    return new Converged(seconds, complete, cpu);
  }

  private Duration regionLatency() {
    return Duration.ofMillis(regionLatencyMs);
  }

  /**
   * {@code rclone sync} from the primary to a fresh prefix on each region's server, at once; its
   * CPU is that of its processes, read once they were waited for.
   */
  private Baseline rclone(S3Servers servers, Path dir, int versions)
      throws IOException, InterruptedException {
    Path config = Files.writeString(dir.resolve("rclone.conf"), "");
    List<Process> syncs = new ArrayList<>();
    long started = System.nanoTime();
    CpuWindow window = CpuWindow.open(Measure.waitedChildrenCpuNanos(), servers);
    S3Config primary = s3("primary", servers.primary());
    for (Map.Entry<String, GoS3Server> region : servers.regions().entrySet()) {
      ProcessBuilder sync =
          new ProcessBuilder(
              rclone,
              "--config",
              config.toString(),
              "sync",
              // The measured modules only, as modmirror's timed run.
              "src:" + BUCKET + "/" + MEASURED,
              // A prefix of the region's one bucket: the server serves one bucket.
              "dst:" + BUCKET + "/rclone/" + MEASURED,
              "--transfers",
              Integer.toString(concurrency));
      // The machine's AWS_* settings (a CA bundle for the real AWS) do not apply to these
      // loopback endpoints; rclone's plain HTTP transport refuses a custom CA bundle.
      sync.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("RCLONE_"));
      remote(sync.environment(), "SRC", primary);
      remote(sync.environment(), "DST", s3(region.getKey(), region.getValue()));
      sync.redirectErrorStream(true)
          .redirectOutput(dir.resolve("rclone-" + region.getKey() + ".log").toFile());
      try {
        syncs.add(sync.start());
      } catch (IOException e) {
        System.err.println(
            "bench: cannot run rclone ("
                + e.getMessage()
                + "); install it: apt-get install -y rclone");
        return new Baseline(-1, CpuPerCopy.NONE);
      }
    }
    int failed = 0;
    for (Process p : syncs) {
      failed += p.waitFor() == 0 ? 0 : 1;
    }
    double seconds = seconds(started);
    CpuPerCopy cpu =
        window.perCopy(Measure.waitedChildrenCpuNanos(), servers, (long) versions * REGIONS.size());
    System.err.printf(
        Locale.ROOT,
        "bench: rclone sync (2 regions) took %.1f s; CPU per version and region: %.1f ms rclone,"
            + " %.1f ms the S3 servers, %.1f ms the machine%n",
        seconds,
        cpu.processMs(),
        cpu.s3Ms(),
        cpu.machineMs());
    if (failed > 0) {
      for (String region : servers.regions().keySet()) {
        List<String> log = Files.readAllLines(dir.resolve("rclone-" + region + ".log"));
        System.err.println("bench: rclone to " + region + " failed:");
        log.subList(Math.max(0, log.size() - 10), log.size()).forEach(System.err::println);
      }
      return new Baseline(-1, CpuPerCopy.NONE);
    }
    return new Baseline(seconds, cpu);
  }

  private static void remote(Map<String, String> env, String name, S3Config s3) {
    String p = "RCLONE_CONFIG_" + name + "_";
    env.put(p + "TYPE", "s3");
    env.put(p + "PROVIDER", "Other");
    env.put(p + "ACCESS_KEY_ID", s3.accessKey());
    env.put(p + "SECRET_ACCESS_KEY", s3.secretKey());
    env.put(p + "ENDPOINT", s3.endpoint().toString());
    env.put(p + "REGION", s3.region());
    env.put(p + "FORCE_PATH_STYLE", "true");
  }

  /**
   * The replicator's lag at {@code --rate} warmed events a second: one version per module (small
   * zips), written to the primary first, then published paced; per version, (in every region −
   * warmed), in milliseconds, sorted, and the process's CPU per copy meanwhile.
   */
  private Steady steady(Adapters adapters, S3Servers servers, ReplicatorConfig config)
      throws Exception {
    int count = rate * steadySeconds;
    int warmup = Math.max(Math.min(50, count), rate * steadyWarmupSeconds);
    CpuPerCopy cpu;
    List<VersionWarmed> events = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<VersionWarmed>> written = new ArrayList<>();
      for (int i = 0; i < count + warmup; i++) {
        int n = i;
        // Built in the pool: with --steady-zip-kib the payloads are not all held at once.
        written.add(pool.submit(() -> RETRY.run(() -> write(adapters.primary(), steadyModule(n)))));
      }
      for (Future<VersionWarmed> f : written) {
        events.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    Map<ModuleRef, Instant[]> arrived = new ConcurrentHashMap<>();
    Map<ModuleRef, Set<String>> regionsDone = new ConcurrentHashMap<>();
    adapters
        .bus()
        .subscribe(
            Topics.REPLICATED,
            "bench-replicate-lag",
            (RegionReplicated r) -> {
              if (r.ok()) {
                arrived.merge(
                    r.ref(), new Instant[] {r.at()}, (a, b) -> a[0].isAfter(b[0]) ? a : b);
                regionsDone
                    .computeIfAbsent(r.ref(), k -> ConcurrentHashMap.newKeySet())
                    .add(r.region());
              }
            });
    Map<ModuleRef, Instant> warmedAt = new ConcurrentHashMap<>();
    try (ReplicatorService replicator = Services.over(adapters).startReplicator(config)) {
      // Warm-up: the groups join, the connections open and, paced as the measured stream for
      // --steady-warmup-seconds, the JIT compiles the replicator's path (and the broker's) before
      // the measured stream, as in a service that has been running.
      long warming = System.nanoTime();
      publishPaced(adapters.bus(), events.subList(0, warmup), new ConcurrentHashMap<>());
      await(regionsDone, events.subList(0, warmup), Duration.ofMinutes(10));
      System.err.printf(
          Locale.ROOT, "bench: %d warm-up events replicated in %.1f s%n", warmup, seconds(warming));
      System.err.printf(Locale.ROOT, "bench: steady state, %d events at %d/s%n", count, rate);
      long start = System.nanoTime();
      Threads threads = Threads.now();
      long cpuBefore = Measure.processCpuNanos();
      CpuWindow window = CpuWindow.open(cpuBefore, servers);
      publishPaced(adapters.bus(), events.subList(warmup, events.size()), warmedAt);
      System.err.printf(
          Locale.ROOT,
          "bench: published %d events, acknowledged in %.1f s (%.0f/s)%n",
          count,
          seconds(start),
          count / seconds(start));
      await(regionsDone, events.subList(warmup, events.size()), Duration.ofMinutes(10));
      long cpuAfter = Measure.processCpuNanos();
      cpu = window.perCopy(cpuAfter, servers, (long) count * REGIONS.size());
      long cpuNanos = cpuAfter - cpuBefore;
      System.err.printf(
          Locale.ROOT,
          "bench: steady state took %.1f s and %.1f s of process CPU; per version and region"
              + " %.1f ms this process, %.1f ms the S3 servers, %.1f ms the machine%n",
          seconds(start),
          cpuNanos / 1e9,
          cpu.processMs(),
          cpu.s3Ms(),
          cpu.machineMs());
      threads.print(cpuNanos);
    }
    long[] lags =
        warmedAt.entrySet().stream()
            .mapToLong(e -> Duration.between(e.getValue(), arrived.get(e.getKey())[0]).toMillis())
            .toArray();
    Arrays.sort(lags);
    return new Steady(lags, cpu, warmup);
  }

  /**
   * Publishes {@code events} at {@code --rate} a second, each stamped warmed when it is due, and
   * waits for their acknowledgements; records each one's warmed time in {@code warmedAt}.
   */
  private void publishPaced(
      EventBus bus, List<VersionWarmed> events, Map<ModuleRef, Instant> warmedAt) throws Exception {
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    // Warmers publish in parallel, each not waiting for the one before; so the events here are
    // published without waiting for each acknowledgement (a pool of blocking publishers fell
    // behind the rate on a loaded machine, and its queue counted as the replicator's lag). The
    // warmed time is when the event was due.
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      VersionWarmed w = withTime(events.get(i), Instant.now());
      warmedAt.put(w.ref(), w.warmedAt());
      acks.add(bus.publishAsync(Topics.WARMED, w).toCompletableFuture());
    }
    System.err.printf(
        Locale.ROOT, "bench: sent %d events in %.1f s%n", events.size(), seconds(start));
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
  }

  /** The steady state's {@code n}th module: one version, its zip of {@code --steady-zip-kib}. */
  private BuiltModule steadyModule(int n) {
    ModuleBuilder version =
        ModuleBuilder.module(String.format(Locale.ROOT, "steady.example/m%06d", n))
            .version("v1.0.0")
            .file("a.go", "package a // " + n + "\n");
    if (steadyZipKib > 0) {
      byte[] payload = new byte[steadyZipKib << 10];
      new Random(-1 - n).nextBytes(payload);
      version.file("payload.bin", payload);
    }
    return version.build();
  }

  private static void await(
      Map<ModuleRef, Set<String>> regionsDone, List<VersionWarmed> events, Duration guard)
      throws InterruptedException {
    long deadline = System.nanoTime() + guard.toNanos();
    for (VersionWarmed w : events) {
      while (regionsDone.getOrDefault(w.ref(), Set.of()).size() < REGIONS.size()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not in every region within " + guard + ": " + w.ref());
        }
        Thread.sleep(10);
      }
    }
  }

  private static VersionWarmed withTime(VersionWarmed w, Instant at) {
    return VersionWarmed.of(w.ref(), w.h1(), w.goModH1(), w.zipSize(), at);
  }

  private static Adapters open(
      String bootstrapServers, S3Servers servers, ReplicatorConfig config, Path spool) {
    Map<String, S3Config> regions = new LinkedHashMap<>();
    servers.regions().forEach((name, server) -> regions.put(name, s3(name, server)));
    Deployment deployment =
        new Deployment(
            KafkaBusConfig.of(bootstrapServers, "bench-replicate"),
            s3("primary", servers.primary()),
            regions,
            GoEnv.from(Map.of("GOPROXY", "off", "GOSUMDB", "off")),
            UpstreamConfig.defaults(),
            TelemetryConfig.service("bench-replicate"),
            WarmerConfig.defaults(spool),
            config);
    return Adapters.open(deployment, Adapters.EVERY_REGION, OpenTelemetry.noop());
  }

  /**
   * Writes {@code versions} versions of modules under {@code prefix}, ten per module, zips of
   * {@code --zip-kib} random KiB; one writer per module, as the warmer writes (S3Proxy's file store
   * fails concurrent first writes into one directory).
   */
  private void fill(ModuleStore primary, String prefix, int versions) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int first = 0; first < versions; first += VERSIONS_PER_MODULE) {
        int from = first;
        int to = Math.min(versions, first + VERSIONS_PER_MODULE);
        done.add(
            pool.submit(
                () -> {
                  for (int n = from; n < to; n++) {
                    BuiltModule m = version(prefix, n);
                    // S3Proxy's file store answers 500 to some racing first writes into a new
                    // directory; the warmer retries them the same way.
                    RETRY.run(() -> write(primary, m));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private BuiltModule version(String prefix, int n) {
    byte[] payload = new byte[zipKib << 10];
    new Random(n).nextBytes(payload);
    return ModuleBuilder.module(
            String.format(Locale.ROOT, "%sm%06d", prefix, n / VERSIONS_PER_MODULE))
        .version("v1.0." + (n % VERSIONS_PER_MODULE))
        .file("a.go", "package a // " + n + "\n")
        .file("payload.bin", payload)
        .build();
  }

  /** Writes a version as the warmer does, {@code .info} last; returns its warmed event. */
  private static VersionWarmed write(ModuleStore store, BuiltModule m) {
    VersionHashes hashes;
    try {
      Path zip = Files.createTempFile("bench-h1-", ".zip");
      try {
        Files.write(zip, m.zip());
        hashes = new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()));
      } finally {
        Files.delete(zip);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The warmer's save, less its claim and @v/list (which the replicator does not read).
    store.put(m.ref(), Artifact.MOD, new ByteArrayInputStream(m.mod()), m.mod().length);
    store.put(m.ref(), Artifact.ZIP, new ByteArrayInputStream(m.zip()), m.zip().length);
    store.createInfo(m.ref(), m.info(), hashes);
    return VersionWarmed.of(m.ref(), hashes.h1(), hashes.goModH1(), m.zip().length, Instant.now());
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
