package dev.modmirror.deploy.bench;

import dev.modmirror.core.io.Trees;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.dev.DevMirror;
import dev.modmirror.deploy.dev.VersionReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench memory}: one module version with a 400 MiB zip, warmed and replicated to
 * a region by a whole mirror (embedded broker and S3 servers included) in a JVM of {@code
 * -Xmx256m}, which the launcher script sets. The zip is spooled, never held: the run succeeds only
 * if memory stays flat with zip size. {@code ok} means the region's copy was read back and
 * re-hashed to the warmed h1. Prints {@code RESULT memory …} last.
 */
@Command(name = "bench-memory", mixinStandardHelpOptions = true)
public final class MemoryBench implements Callable<Integer> {
  @Option(names = "--zip-mib", defaultValue = "400", description = "Size of the module zip, MiB.")
  int zipMib;

  @Option(names = "--timeout", defaultValue = "PT20M", description = "Wait at most this long.")
  Duration timeout;

  @Option(names = "--data-dir", description = "Where servers keep data (default: a temp dir).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new MemoryBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-memory-");
    try {
      return run(dir);
    } finally {
      if (dataDir == null) {
        Trees.delete(dir);
      }
    }
  }

  private int run(Path dir) throws Exception {
    long xmxMib = Runtime.getRuntime().maxMemory() >> 20;
    Path tree = dir.resolve("upstream");
    ModuleRef ref = ModuleRef.of("bench.example/large", "v1.0.0");
    long zipBytes = LargeModule.write(tree, ref, (long) zipMib << 20);
    log("zip written: %.1f MiB; max heap %d MiB", zipBytes / 1048576.0, xmxMib);
    String goMod = "module bench.example/app\n\nrequire " + ref.path() + " " + ref.version() + "\n";
    AtomicLong peak = new AtomicLong();
    AtomicLong livePeak = new AtomicLong();
    Thread sampler = sampler(peak, livePeak);
    boolean ok = false;
    long started = System.nanoTime();
    try (DevMirror dev =
        DevMirror.start(dir.resolve("mirror"), 1, tree.toUri().toString(), "off")) {
      List<VersionReport> reports = dev.warmAndReport().run("memory/go.mod", goMod, timeout);
      ok = reports.size() == 1 && reports.get(0).complete();
      reports.forEach(r -> log("%s", r));
    } catch (OutOfMemoryError e) {
      log("out of memory: %s", e.getMessage());
    } finally {
      sampler.interrupt();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "RESULT memory zip_mib=%d xmx_mib=%d ok=%s heap_peak_mib=%d live_peak_mib=%d"
            + " seconds=%.1f%n",
        zipMib,
        xmxMib,
        ok,
        peak.get() >> 20,
        livePeak.get() >> 20,
        seconds);
    return ok ? 0 : 1;
  }

  /**
   * Samples the heap every 20 ms: {@code peak} is the most ever in use, garbage included (a heap
   * fills up to its limit before the collector runs); {@code live} the most still in use right
   * after a collection, summed over the heap's pools: what the process actually holds.
   */
  private static Thread sampler(AtomicLong peak, AtomicLong live) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    List<MemoryPoolMXBean> pools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
            .toList();
    Thread thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long afterGc =
                    pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
                live.accumulateAndGet(afterGc, Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-heap-sampler");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench memory: " + format + "%n", args);
  }
}
