package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.error.Retry;
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
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.deploy.dev.DevCluster;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Parts;
import dev.modmirror.deploy.wiring.Services;
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
import java.time.Clock;
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
 * {@code ./modmirror bench replicate}: a broker and three embedded S3 servers (a primary and two
 * regions) in this JVM. Two measurements:
 *
 * <ol>
 *   <li><b>Converge</b>: the primary holds {@code --objects} objects ({@code .info}, {@code .mod},
 *       {@code .zip} of {@code --objects}/3 versions, ten per module, zips of {@code --zip-kib}
 *       incompressible KiB); both regions are empty, as two regions just added by configuration.
 *       modmirror converges them with one reconcile run (what fills an added region: every version
 *       copied through the verified copy, zip re-hashed, {@code .info} last, a repair event
 *       published per version), each region with {@code --concurrency} copies at once. The baseline
 *       is Debian's {@code rclone sync} from the same primary bucket to a fresh bucket on each
 *       region's endpoint, both regions at once, {@code --transfers} = {@code --concurrency}.
 *       Before the timed run, {@code --warmup} versions of other modules are converged untimed (the
 *       JIT's compilation of the copy path, ours and the S3 servers', as a long-running replicator
 *       has paid it); both the timed run and rclone copy the measured modules only.
 *   <li><b>Steady state</b>: the replicator as the service runs it (a consumer group per region)
 *       over other buckets; {@code --rate} warmed events a second for {@code --steady-seconds},
 *       each of a version already in the primary (as the warmer publishes it); the lag of a version
 *       is the time from its warmed event to its {@code RegionReplicated} in the last region.
 * </ol>
 *
 * Prints {@code RESULT replicate seconds=… baseline_seconds=… ratio=… p50_lag_ms=… p99_lag_ms=…}
 * last (ratio = rclone's seconds / ours), with {@code cpu_ms_per_copy} and {@code
 * steady_cpu_ms_per_copy}: the process's CPU (everything in this JVM, the S3 servers and the broker
 * included) per version and region in the timed converge and in the steady state, which depend on
 * the machine's load far less than the times do. Exit 0 only if both regions ended with every
 * version.
 */
@Command(name = "bench-replicate", mixinStandardHelpOptions = true)
public final class ReplicateBench implements Callable<Integer> {
  private static final int VERSIONS_PER_MODULE = 10;
  private static final List<String> REGIONS = List.of("region-1", "region-2");
  private static final String MEASURED = "bench.example/";
  private static final String WARMUP = "warmup.example/";
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
      defaultValue = "100",
      description =
          "Versions converged untimed first (other modules, same sizes), so that the JIT's"
              + " compilation of the copy path (ours and the S3 servers') is outside the measured"
              + " run, as in a long-running replicator; 0 for none.")
  int warmup;

  @Option(
      names = "--region-latency-ms",
      defaultValue = "0",
      description =
          "A round trip added to every S3 request to a region in the converge run, as if the"
              + " regions were remote (RemoteRegion); rclone's requests cannot be delayed, so it is"
              + " not run then (baseline_seconds and ratio NaN).")
  int regionLatencyMs;

  @Option(names = "--rate", defaultValue = "200", description = "Warmed events a second.")
  int rate;

  @Option(names = "--steady-seconds", defaultValue = "5", description = "Steady state length.")
  int steadySeconds;

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
        || warmup < 0) {
      System.err.println(
          "need --objects >= 3, --zip-kib, --concurrency, --rate, --steady-seconds >= 1");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-");
    try (DevCluster cluster = DevCluster.start(dir, REGIONS.size())) {
      int versions = objects / 3;
      Path spool = Files.createDirectories(dir.resolve("spool"));
      ReplicatorConfig config =
          new ReplicatorConfig(spool, 5, Duration.ofMillis(200), "bench-replicate", 1);
      Converged ours;
      try (Adapters adapters = open(cluster, "", config, spool)) {
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
        ours = converge(adapters, config, versions);
      }
      double baseline = regionLatencyMs > 0 ? Double.NaN : rclone(cluster, dir);
      Steady steady;
      try (Adapters adapters = open(cluster, "-steady", config, spool)) {
        steady = steady(adapters, config);
      }
      System.out.printf(
          Locale.ROOT,
          "RESULT replicate seconds=%.1f baseline_seconds=%.1f ratio=%.2f p50_lag_ms=%d"
              + " p99_lag_ms=%d objects=%d zip_kib=%d concurrency=%d rate=%d lag_samples=%d"
              + " warmup=%d cpu_ms_per_copy=%.1f steady_cpu_ms_per_copy=%.1f%n",
          ours.seconds,
          baseline,
          baseline / ours.seconds,
          percentile(steady.lags(), 50),
          percentile(steady.lags(), 99),
          versions * 3,
          zipKib,
          concurrency,
          rate,
          steady.lags().length,
          warmup,
          ours.cpuMsPerCopy,
          steady.cpuMsPerCopy());
      return ours.complete && (baseline > 0 || regionLatencyMs > 0) ? 0 : 1;
    } finally {
      if (dataDir == null) {
        Trees.deleteQuietly(dir);
      }
    }
  }

  /**
   * @param cpuMsPerCopy the process's CPU in the timed run (reconcile, the broker and the three S3
   *     servers: everything in this JVM) per version and region copied
   */
  private record Converged(double seconds, boolean complete, double cpuMsPerCopy) {}

  /**
   * @param lags per version, in every region − warmed, milliseconds, sorted
   * @param cpuMsPerCopy the process's CPU from the first paced event to the last arrival, per
   *     version and region
   */
  private record Steady(long[] lags, double cpuMsPerCopy) {}

  /**
   * One reconcile run of the measured modules over the two empty regions, timed, after an untimed
   * one of the warm-up modules.
   */
  private Converged converge(Adapters adapters, ReplicatorConfig config, int versions) {
    Reconciler reconciler =
        Services.over(regionLatencyMs > 0 ? remote(adapters) : adapters).reconciler(config);
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
    long cpu = Measure.processCpuNanos();
    ReconcileReport report = reconciler.run(new ReconcileSettings(MEASURED, false, concurrency));
    double seconds = seconds(started);
    double cpuMs = (Measure.processCpuNanos() - cpu) / 1e6;
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
        "bench: process CPU in it %.1f s (%.1f ms per version and region)%n",
        cpuMs / 1e3,
        cpuMs / ((double) versions * REGIONS.size()));
    return new Converged(seconds, complete, cpuMs / ((double) versions * REGIONS.size()));
  }

  /** The parts with each region behind a {@code --region-latency-ms} round trip per request. */
  private Parts remote(Adapters adapters) {
    Duration roundTrip = Duration.ofMillis(regionLatencyMs);
    List<ModuleStore> regions =
        adapters.regions().stream().<ModuleStore>map(r -> new RemoteRegion(r, roundTrip)).toList();
    return new Parts() {
      @Override
      public EventBus bus() {
        return adapters.bus();
      }

      @Override
      public ModuleStore primary() {
        return adapters.primary();
      }

      @Override
      public List<ModuleStore> regions() {
        return regions;
      }

      @Override
      public Upstream upstream() {
        return adapters.upstream();
      }

      @Override
      public ChecksumPolicy checksums() {
        return adapters.checksums();
      }

      @Override
      public OpenTelemetry telemetry() {
        return adapters.telemetry();
      }

      @Override
      public Clock clock() {
        return adapters.clock();
      }
    };
  }

  /** {@code rclone sync} from the primary to a fresh bucket on each region's endpoint, at once. */
  private double rclone(DevCluster cluster, Path dir) throws IOException, InterruptedException {
    Path config = Files.writeString(dir.resolve("rclone.conf"), "");
    List<Process> syncs = new ArrayList<>();
    long started = System.nanoTime();
    for (Map.Entry<String, S3Config> region : cluster.regions().entrySet()) {
      ProcessBuilder sync =
          new ProcessBuilder(
              rclone,
              "--config",
              config.toString(),
              "sync",
              // The measured modules only, as modmirror's timed run.
              "src:" + cluster.primary().bucket() + "/" + MEASURED,
              "dst:" + region.getValue().bucket() + "-rclone/" + MEASURED,
              "--transfers",
              Integer.toString(concurrency));
      // The machine's AWS_* settings (a CA bundle for the real AWS) do not apply to these
      // loopback endpoints; rclone's plain HTTP transport refuses a custom CA bundle.
      sync.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("RCLONE_"));
      remote(sync.environment(), "SRC", cluster.primary());
      remote(sync.environment(), "DST", region.getValue());
      sync.redirectErrorStream(true)
          .redirectOutput(dir.resolve("rclone-" + region.getKey() + ".log").toFile());
      try {
        syncs.add(sync.start());
      } catch (IOException e) {
        System.err.println(
            "bench: cannot run rclone ("
                + e.getMessage()
                + "); install it: apt-get install -y rclone");
        return -1;
      }
    }
    int failed = 0;
    for (Process p : syncs) {
      failed += p.waitFor() == 0 ? 0 : 1;
    }
    double seconds = seconds(started);
    System.err.printf(Locale.ROOT, "bench: rclone sync (2 regions) took %.1f s%n", seconds);
    if (failed > 0) {
      for (String region : cluster.regions().keySet()) {
        List<String> log = Files.readAllLines(dir.resolve("rclone-" + region + ".log"));
        System.err.println("bench: rclone to " + region + " failed:");
        log.subList(Math.max(0, log.size() - 10), log.size()).forEach(System.err::println);
      }
      return -1;
    }
    return seconds;
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
  private Steady steady(Adapters adapters, ReplicatorConfig config) throws Exception {
    int count = rate * steadySeconds;
    int warmup = Math.min(50, count);
    double cpuMsPerCopy;
    List<VersionWarmed> events = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<VersionWarmed>> written = new ArrayList<>();
      for (int i = 0; i < count + warmup; i++) {
        BuiltModule m =
            ModuleBuilder.module(String.format(Locale.ROOT, "steady.example/m%06d", i))
                .version("v1.0.0")
                .file("a.go", "package a // " + i + "\n")
                .build();
        written.add(pool.submit(() -> RETRY.run(() -> write(adapters.primary(), m))));
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
      // Warm-up: the groups join and the connections open before the measured stream.
      for (VersionWarmed w : events.subList(0, warmup)) {
        adapters.bus().publish(Topics.WARMED, withTime(w, Instant.now()));
      }
      await(regionsDone, events.subList(0, warmup), Duration.ofMinutes(5));
      System.err.printf(Locale.ROOT, "bench: steady state, %d events at %d/s%n", count, rate);
      long start = System.nanoTime();
      var threadsBefore = Measure.nativeThreadCpu();
      long cpuBefore = Measure.processCpuNanos();
      long periodNanos = 1_000_000_000L / rate;
      // Warmers publish in parallel, each not waiting for the one before; so the events here are
      // published without waiting for each acknowledgement (a pool of blocking publishers fell
      // behind the rate on a loaded machine, and its queue counted as the replicator's lag). The
      // warmed time is when the event was due.
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long due = start + i * periodNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        VersionWarmed w = withTime(events.get(warmup + i), Instant.now());
        warmedAt.put(w.ref(), w.warmedAt());
        acks.add(adapters.bus().publishAsync(Topics.WARMED, w).toCompletableFuture());
      }
      System.err.printf(Locale.ROOT, "bench: sent %d events in %.1f s%n", count, seconds(start));
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
      System.err.printf(
          Locale.ROOT,
          "bench: published %d events in %.1f s (%.0f/s)%n",
          count,
          seconds(start),
          count / seconds(start));
      await(regionsDone, events.subList(warmup, events.size()), Duration.ofMinutes(10));
      long cpuNanos = Measure.processCpuNanos() - cpuBefore;
      var threadsAfter = Measure.nativeThreadCpu();
      cpuMsPerCopy = cpuNanos / 1e6 / ((double) count * REGIONS.size());
      System.err.printf(
          Locale.ROOT,
          "bench: steady state took %.1f s and %.1f s of process CPU (%.1f ms per version and"
              + " region), by thread (kernel names, digits folded):%n",
          seconds(start),
          cpuNanos / 1e9,
          cpuMsPerCopy);
      Measure.cpuByThreadGroup(threadsBefore, threadsAfter, cpuNanos).stream()
          .limit(12)
          .forEach(line -> System.err.println("bench:   " + line));
    }
    long[] lags =
        warmedAt.entrySet().stream()
            .mapToLong(e -> Duration.between(e.getValue(), arrived.get(e.getKey())[0]).toMillis())
            .toArray();
    Arrays.sort(lags);
    return new Steady(lags, cpuMsPerCopy);
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
      DevCluster cluster, String suffix, ReplicatorConfig config, Path spool) {
    Map<String, S3Config> regions = new LinkedHashMap<>();
    cluster.regions().forEach((name, s3) -> regions.put(name, bucket(s3, suffix)));
    Deployment deployment =
        new Deployment(
            KafkaBusConfig.of(cluster.bootstrapServers(), "bench-replicate"),
            bucket(cluster.primary(), suffix),
            regions,
            GoEnv.from(Map.of("GOPROXY", "off", "GOSUMDB", "off")),
            UpstreamConfig.defaults(),
            TelemetryConfig.service("bench-replicate"),
            WarmerConfig.defaults(spool),
            config);
    return Adapters.open(deployment, Adapters.EVERY_REGION, OpenTelemetry.noop());
  }

  private static S3Config bucket(S3Config c, String suffix) {
    return new S3Config(
        c.endpoint(), c.accessKey(), c.secretKey(), c.bucket() + suffix, c.region());
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
