package dev.modmirror.deploy.bench;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.dev.DevMirror;
import dev.modmirror.deploy.dev.OutcomeCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench warm-go}: the reason to pre-warm is to beat the build that would fetch
 * the module itself. Warms generated versions (most 10–200 KiB, a few 5–50 MiB) from an upstream
 * that answers every request after a fixed latency, and in the same command times the go command's
 * {@code go mod download} of the same set from the same upstream. Prints {@code RESULT warm-go …}
 * last; exit 0 only if both fetched every version.
 *
 * <p>Ours is the warmer alone into the primary bucket (no region): from the requests being
 * published to the last version's {@code VersionWarmed}. {@code bound_fraction} compares it with
 * the least time the configured concurrency and latency allow: every version needs its {@code
 * .info}, {@code .mod} and {@code .zip}, one after another, at {@code latency} each, {@code
 * in_flight} versions at a time: {@code versions × 3 × latency ÷ in_flight}.
 *
 * <p>The measured window is steady state: before the clock starts, {@code --warmup} other versions
 * of the same size spread (other module paths, same upstream and latency) are warmed untimed, so
 * that the JIT has compiled the broker's, S3Proxy's and our hot code, as in a warmer that has been
 * running for a while. {@code cpu_ms_per_version} is the process's CPU in the window (warmer,
 * broker, S3 server and bench upstream share it) per version; {@code jit_ms} the JIT compiler
 * threads' CPU in the window (part of it), which says how much of that is still compilation.
 */
@Command(name = "bench-warm-go", mixinStandardHelpOptions = true)
public final class WarmGoBench implements Callable<Integer> {
  private static final int REQUESTS_PER_VERSION = 3;

  @Option(names = "--versions", defaultValue = "2000", description = "Versions to warm.")
  int versions;

  @Option(names = "--latency-ms", defaultValue = "50", description = "Added per request.")
  int latencyMs;

  @Option(
      names = "--big-mib",
      split = ",",
      defaultValue = "5,12,25,50",
      description = "Sizes of the few big zips, MiB (spread over the set).")
  List<Integer> bigMib;

  @Option(names = "--in-flight", defaultValue = "64", description = "Warmer versions in flight.")
  int inFlight;

  @Option(
      names = "--warmup",
      defaultValue = "300",
      description = "Versions warmed untimed before the clock starts (JIT warm-up).")
  int warmupVersions;

  @Option(names = "--skip-go", description = "Do not run the go command (quicker iterations).")
  boolean skipGo;

  @Option(names = "--timeout", defaultValue = "PT30M", description = "Wait at most this long.")
  Duration timeout;

  @Option(names = "--data-dir", description = "Where servers keep data (default: a temp dir).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new WarmGoBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (versions < 1 || latencyMs < 0 || inFlight < 1 || warmupVersions < 1) {
      System.err.println(
          "need --versions >= 1, --latency-ms >= 0, --in-flight >= 1, --warmup >= 1");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-warm-go-");
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
    // Only the small sizes: the big zips would lengthen the warm-up without warming other code.
    SyntheticUpstream warmup =
        SyntheticUpstream.write(tree, "bench.example/warmup", warmupVersions, this::smallZipKib);
    SyntheticUpstream set =
        SyntheticUpstream.write(tree, "bench.example/g", versions, this::zipKib);
    log("upstream: %d versions, %.1f MiB, latency %d ms", versions, mib(set.bytes()), latencyMs);
    try (LatencyGoproxy upstream = LatencyGoproxy.start(tree, Duration.ofMillis(latencyMs))) {
      double goSeconds = Double.NaN;
      if (!skipGo) {
        goSeconds = goModDownload(dir, upstream, set.refs());
        if (goSeconds < 0) {
          return 1;
        }
        log("go mod download: %.2f s", goSeconds);
      }
      long requestsBefore;
      double seconds;
      double cpuSeconds;
      double jitSeconds;
      try (DevMirror dev =
          DevMirror.start(
              dir.resolve("mirror"),
              0,
              upstream.baseUrl().toString(),
              "off",
              warmer -> warmer.withInFlight(inFlight))) {
        EventBus bus = dev.bus();
        if (warm(bus, warmup.refs()) < 0) {
          return 1;
        }
        log("warm-up: %d versions untimed", warmupVersions);
        requestsBefore = upstream.requests();
        var threadsBefore = Measure.nativeThreadCpu();
        long cpu = Measure.processCpuNanos();
        seconds = warm(bus, set.refs());
        long cpuNanos = Measure.processCpuNanos() - cpu;
        cpuSeconds = cpuNanos / 1e9;
        var threadsAfter = Measure.nativeThreadCpu();
        jitSeconds =
            Measure.cpuSince(threadsBefore, threadsAfter, "C1 Compiler", "C2 Compiler") / 1e9;
        log("process CPU in the window by thread (kernel names, digits folded):");
        Measure.cpuByThreadGroup(threadsBefore, threadsAfter, cpuNanos).stream()
            .limit(25)
            .forEach(line -> log("  %s", line));
        if (seconds < 0) {
          return 1;
        }
      }
      log(
          "ours: %.2f s, %d upstream requests, process CPU %.1f s (%.1f ms per version; the"
              + " embedded broker and S3 servers share the process), JIT %.1f s",
          seconds,
          upstream.requests() - requestsBefore,
          cpuSeconds,
          1000 * cpuSeconds / versions,
          jitSeconds);
      printResult(seconds, goSeconds, set, cpuSeconds, jitSeconds);
      return 0;
    }
  }

  /** Most zips 10–200 KiB, spread deterministically; the big ones evenly over the set. */
  private int zipKib(int i) {
    int every = Math.max(1, versions / Math.max(1, bigMib.size()));
    if (!bigMib.isEmpty() && i % every == every / 2 && i / every < bigMib.size()) {
      return bigMib.get(i / every) * 1024;
    }
    return smallZipKib(i);
  }

  private int smallZipKib(int i) {
    return 10 + (int) ((i * 7919L) % 191);
  }

  /**
   * Publishes one request per version and waits for every outcome.
   *
   * @return seconds from the first publish to the last outcome, or -1 if not all warmed
   */
  private double warm(EventBus bus, List<ModuleRef> refs) throws InterruptedException {
    try (OutcomeCollector outcomes = OutcomeCollector.start(bus)) {
      long started = System.nanoTime();
      for (ModuleRef ref : refs) {
        bus.publishAsync(
            Topics.REQUESTS,
            VersionRequested.of(ref, RequestSource.MANUAL, "bench", Instant.now()));
      }
      Set<ModuleRef> expected = new LinkedHashSet<>(refs);
      boolean ended = outcomes.await(expected, Set.of(), timeout);
      double seconds = (System.nanoTime() - started) / 1e9;
      List<ModuleRef> bad =
          refs.stream().filter(r -> outcomes.warmed(r).isEmpty()).limit(10).toList();
      if (!ended || !bad.isEmpty()) {
        log("not warmed (first 10): %s", bad);
        bad.forEach(r -> outcomes.failed(r).ifPresent(f -> log("  %s: %s", r, f.reason())));
        return -1;
      }
      return seconds;
    }
  }

  /**
   * {@code go mod download -json} of every version, with a module cache of its own.
   *
   * @return its wall-clock seconds, or -1 if it failed or reported an error for a version
   */
  private double goModDownload(Path dir, LatencyGoproxy upstream, List<ModuleRef> refs)
      throws IOException, InterruptedException {
    Path work = Files.createDirectories(dir.resolve("go"));
    List<String> command = new ArrayList<>(List.of("go", "mod", "download", "-json"));
    refs.forEach(r -> command.add(r.path().value() + "@" + r.version().value()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("GO"));
    env.put("GOPROXY", upstream.baseUrl().toString());
    env.put("GOSUMDB", "off");
    env.put("GOFLAGS", "-mod=mod");
    env.put("GOTOOLCHAIN", "local");
    env.put("GOTELEMETRY", "off");
    env.put("GOENV", "off");
    env.put("GOPATH", work.resolve("gopath").toString());
    env.put("GOMODCACHE", work.resolve("modcache").toString());
    env.put("GOCACHE", work.resolve("cache").toString());
    Path out = work.resolve("download.json");
    Path err = work.resolve("download.err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    long started = System.nanoTime();
    Process go = builder.start();
    if (!go.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      go.destroyForcibly();
      log("go mod download did not finish within %s", timeout);
      return -1;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String json = Files.readString(out, StandardCharsets.UTF_8);
    long errors = json.lines().filter(l -> l.contains("\"Error\"")).count();
    if (go.exitValue() != 0 || errors > 0) {
      log(
          "go mod download failed (exit %d, %d errors): %s",
          go.exitValue(),
          errors,
          Files.readString(err, StandardCharsets.UTF_8).lines().limit(5).toList());
      return -1;
    }
    return seconds;
  }

  private void printResult(
      double seconds, double goSeconds, SyntheticUpstream set, double cpu, double jit) {
    double bound = versions * REQUESTS_PER_VERSION * (latencyMs / 1000.0) / inFlight;
    System.out.printf(
        Locale.ROOT,
        "RESULT warm-go versions=%d latency_ms=%d seconds=%.2f go_seconds=%.2f ratio=%.2f"
            + " bound_fraction=%.2f bound_seconds=%.2f in_flight=%d mib=%.1f"
            + " cpu_ms_per_version=%.1f jit_ms=%.0f warmup=%d%n",
        versions,
        latencyMs,
        seconds,
        goSeconds,
        goSeconds / seconds,
        bound / seconds,
        bound,
        inFlight,
        mib(set.bytes()),
        1000 * cpu / versions,
        1000 * jit,
        warmupVersions);
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench warm-go: " + format + "%n", args);
  }
}
