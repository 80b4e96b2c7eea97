package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReconcileReport;
import dev.modmirror.replicator.ReconcileReport.Count;
import dev.modmirror.replicator.ReconcileSettings;
import dev.modmirror.replicator.Reconciler;
import dev.modmirror.replicator.ReplicatorConfig;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench reconcile}: a primary and one region (two S3 servers, each a process of
 * its own: {@link GoS3Server}) holding {@code --keys} objects each ({@code .info}, {@code .mod},
 * {@code .zip} of {@code --keys}/3 versions, ten per module, written through the store's own PUTs),
 * of which {@code --damaged-percent} of the versions are missing from the region or have an altered
 * zip there; then one reconcile run of the region, timed, in this JVM. Prints {@code RESULT
 * reconcile keys=… seconds=… repaired=… heap_peak_mib=…} last, keys being the primary's listed
 * keys, repaired the versions copied or repaired, and the heap peak the sum of this JVM's heap
 * pools' peaks during the run: the reconcile alone, the servers being outside it; {@code
 * heap_live_max_mib} is the largest heap left after the full collections {@link LiveHeap} forces
 * every {@code --live-heap-seconds} during the run, what the reconcile really holds. Run it under
 * {@code -Xmx256m} (the launcher's default for it). Exit 0 only if every damaged version was
 * repaired and a second run finds nothing.
 */
@Command(name = "bench-reconcile", mixinStandardHelpOptions = true)
public final class ReconcileBench implements Callable<Integer> {
  private static final int VERSIONS_PER_MODULE = 10;

  @Option(names = "--keys", defaultValue = "60000", description = "Objects in the primary.")
  int keys;

  @Option(
      names = "--damaged-percent",
      defaultValue = "1",
      description = "Versions missing or altered in the region, percent.")
  double damagedPercent;

  @Option(names = "--concurrency", defaultValue = "4", description = "Repairs at once.")
  int concurrency;

  @Option(names = "--writers", defaultValue = "8", description = "Threads filling the buckets.")
  int writers;

  @Option(
      names = "--live-heap-seconds",
      defaultValue = "15",
      description = "Live heap (after a full GC) sampled this often during the run.")
  int liveHeapSeconds;

  @Option(
      names = "--data-dir",
      description = "Where the servers' logs and the copy spool go (default: a temp dir).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new ReconcileBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (keys < 30
        || !(damagedPercent >= 0 && damagedPercent <= 100)
        || concurrency < 1
        || liveHeapSeconds < 1) {
      System.err.println(
          "need --keys >= 30, 0 <= --damaged-percent <= 100, --concurrency >= 1,"
              + " --live-heap-seconds >= 1");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-bench-");
    Files.createDirectories(dir);
    try (GoS3Server primaryServer = GoS3Server.start("bench", dir.resolve("primary-s3.log"));
        GoS3Server regionServer = GoS3Server.start("bench", dir.resolve("region-s3.log"))) {
      ModuleStore primary = store("primary", primaryServer);
      ModuleStore region = store("region", regionServer);
      int versions = keys / 3;
      // Two kinds of damage, each once in every `every` versions: damagedPercent in all.
      int every = damagedPercent == 0 ? Integer.MAX_VALUE : (int) Math.round(200 / damagedPercent);
      long filled = System.nanoTime();
      int damaged = fill(primary, region, versions, every);
      double fillSeconds = (System.nanoTime() - filled) / 1e9;
      System.err.printf(
          Locale.ROOT,
          "bench: %d versions (%d keys) in each bucket, %d damaged in the region, filled in %.0f s%n",
          versions,
          versions * 3,
          damaged,
          fillSeconds);
      Reconciler reconciler =
          new Reconciler(
              primary,
              List.of(region),
              new DroppingBus(),
              new ReplicatorConfig(dir, 3, Duration.ofMillis(200), "bench", 1),
              Clock.systemUTC());
      // What listing alone costs on this server, to read the run's time against.
      long listing = System.nanoTime();
      long listed = count(primary) + count(region);
      double listSeconds = (System.nanoTime() - listing) / 1e9;
      System.err.printf(
          Locale.ROOT, "bench: listing %d keys alone took %.1f s%n", listed, listSeconds);
      System.gc();
      resetHeapPeaks();
      LiveHeap live = LiveHeap.every(Duration.ofSeconds(liveHeapSeconds));
      long started = System.nanoTime();
      ReconcileReport report = reconciler.run(new ReconcileSettings("", false, concurrency));
      double seconds = (System.nanoTime() - started) / 1e9;
      long heapPeak = heapPeakBytes();
      live.close(); // a last sample: what the run's report holds
      long liveMib = live.maxMib();
      ReconcileReport.Region part = report.regions().get(0);
      long repaired = part.count(Count.COPIED) + part.count(Count.REPAIRED);
      ReconcileReport again = reconciler.run(new ReconcileSettings("", true, concurrency));
      ReconcileReport.Region second = again.regions().get(0);
      long left =
          second.count(Count.MISSING) + second.count(Count.PARTIAL) + second.count(Count.MISMATCH);
      System.err.print(
          report
              .table()
              .lines()
              .limit(Count.values().length + 1)
              .reduce("", (a, b) -> a + b + "\n"));
      System.err.printf(Locale.ROOT, "bench: second run finds %d to repair%n", left);
      System.err.printf(
          Locale.ROOT,
          "bench: S3 servers' peak resident memory: primary %d MiB, region %d MiB%n",
          primaryServer.peakRssMib(),
          regionServer.peakRssMib());
      System.out.printf(
          Locale.ROOT,
          "RESULT reconcile keys=%d seconds=%.1f repaired=%d heap_peak_mib=%d list_seconds=%.1f"
              + " fill_seconds=%.0f heap_live_max_mib=%d%n",
          part.count(Count.PRIMARY_KEYS),
          seconds,
          repaired,
          heapPeak >> 20,
          listSeconds,
          fillSeconds,
          liveMib);
      return repaired == damaged && left == 0 && report.clean() ? 0 : 1;
    } finally {
      if (dataDir == null) {
        Trees.deleteQuietly(dir);
      }
    }
  }

  private static ModuleStore store(String name, GoS3Server server) {
    return MinioModuleStore.create(
        name,
        new S3Config(server.endpoint(), "bench", "bench-" + name, server.bucket(), "us-east-1"));
  }

  /**
   * Writes each version's three objects, {@code .info} last with its hashes, to both buckets, from
   * {@code --writers} threads taking versions in turn (nothing queued: memory stays flat).
   */
  private int fill(ModuleStore primary, ModuleStore region, int versions, int every)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger damaged = new AtomicInteger();
    int step = Math.max(versions / 10, 1);
    long started = System.nanoTime();
    Callable<Void> writer =
        () -> {
          for (int n = next.getAndIncrement(); n < versions; n = next.getAndIncrement()) {
            if (fillOne(primary, region, n, every)) {
              damaged.incrementAndGet();
            }
            if ((n + 1) % step == 0) {
              System.err.printf(
                  Locale.ROOT,
                  "bench: filling, %d of %d versions after %.0f s%n",
                  n + 1,
                  versions,
                  (System.nanoTime() - started) / 1e9);
            }
          }
          return null;
        };
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        done.add(pool.submit(writer));
      }
      for (Future<Void> f : done) {
        f.get();
      }
      return damaged.get();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Version {@code n} in the primary, and in the region whole, missing or altered; true if not
   * whole.
   */
  private static boolean fillOne(ModuleStore primary, ModuleStore region, int n, int every)
      throws Exception {
    BuiltModule m = module(n, "");
    VersionHashes hashes = hashes(m);
    write(primary, m, m.zip(), hashes);
    if (n % every == 0) {
      return true; // missing from the region
    }
    if (n % every == every / 2) {
      write(region, m, module(n, " // altered out of band").zip(), hashes);
      return true;
    }
    write(region, m, m.zip(), hashes);
    return false;
  }

  private static void write(ModuleStore store, BuiltModule m, byte[] zip, VersionHashes hashes) {
    store.put(m.ref(), Artifact.MOD, new ByteArrayInputStream(m.mod()), m.mod().length);
    store.put(m.ref(), Artifact.ZIP, new ByteArrayInputStream(zip), zip.length);
    store.createInfo(m.ref(), m.info(), hashes);
  }

  private static BuiltModule module(int n, String extra) {
    String path = String.format(Locale.ROOT, "bench.example/m%06d", n / VERSIONS_PER_MODULE);
    return ModuleBuilder.module(path)
        .version("v1.0." + (n % VERSIONS_PER_MODULE))
        .file("a.go", "package a // " + n + extra + "\n")
        .build();
  }

  private static VersionHashes hashes(BuiltModule m) throws Exception {
    Path zip = Files.createTempFile("bench-h1-", ".zip");
    try {
      Files.write(zip, m.zip());
      return new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()));
    } finally {
      Files.delete(zip);
    }
  }

  private static long count(ModuleStore store) {
    long n = 0;
    for (var keys = store.listKeys(""); keys.hasNext(); keys.next()) {
      n++;
    }
    return n;
  }

  private static void resetHeapPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long heapPeakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The bench publishes its repair events nowhere. */
  private static final class DroppingBus implements EventBus {
    @Override
    public <E extends Event> void publish(Topic<E> topic, E event) {}

    @Override
    public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
      throw new UnsupportedOperationException("the bench does not consume");
    }

    @Override
    public void close() {}
  }
}
