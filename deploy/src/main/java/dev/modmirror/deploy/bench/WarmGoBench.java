package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.s3.S3Config;
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
 * (unless told, as many as the measured set and at least 4,000; other module paths, same upstream
 * and latency) are warmed untimed in rounds as big as the measured set, each with its size mix, so
 * that the JIT has compiled the broker's and our hot code, as in a warmer that has been running for
 * a while; each round's CPU and JIT per version are logged, to show them settle. The upstream
 * ({@link GoLatencyGoproxy}) and the primary's S3 server (gofakes3, {@link GoS3Server}) run in
 * processes of their own, as production's run outside the warmer; {@code --s3-in-jvm} puts S3Proxy
 * back in this JVM. {@code cpu_ms_per_version} is this process's CPU in the window (warmer,
 * embedded broker and dedupe stage share it) per version; {@code jit_ms} the JIT compiler threads'
 * part of it; {@code s3_cpu_ms_per_version} the S3 server's (its process, or S3Proxy's threads when
 * in this JVM); {@code upstream_cpu_ms_per_version} the upstream's process; {@code
 * machine_cpu_ms_per_version} every core of the machine, whatever runs on it (so that a cost moved
 * to another process is not read as saved; on a shared machine it includes the neighbours).
 */
@Command(name = "bench-warm-go", mixinStandardHelpOptions = true)
public final class WarmGoBench implements Callable<Integer> {
  private static final int REQUESTS_PER_VERSION = 3;
  private static final String BUCKET = "modmirror-primary";

  /**
   * Fewest versions warmed before the clock by default. Code that runs once per version reaches C2
   * only after thousands of versions: the tiered policy scales its thresholds with the compile
   * queues' lengths (C2: 35–62 methods on average, up to 140, through a warm-up on two shared
   * cores), so after 1,000 or 2,000 versions our per-version code was still interpreted or in C1
   * code and compiled again in the window (docs/benchmarks.md, "Why the JIT still compiles after
   * the warm-up").
   */
  private static final int MIN_WARMUP = 4000;

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
      description =
          "Versions warmed untimed before the clock starts (JIT warm-up; default: as many as"
              + " --versions, at least "
              + MIN_WARMUP
              + "), in rounds of --versions.")
  Integer warmupVersions;

  @Option(
      names = "--s3-in-jvm",
      description =
          "Run the primary's S3 server (S3Proxy) in this JVM, as runs before 2026-11-30 night"
              + " did, instead of gofakes3 in a process of its own.")
  boolean s3InJvm;

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
    if (warmupVersions == null) {
      warmupVersions = Math.max(versions, MIN_WARMUP);
    }
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
    // Each round of the warm-up has the measured set's size mix: the big zips take other paths
    // (multipart uploads), which would otherwise be compiled inside the window.
    SyntheticUpstream warmup =
        SyntheticUpstream.write(
            tree, "bench.example/warmup", warmupVersions, i -> zipKib(i % versions));
    SyntheticUpstream set =
        SyntheticUpstream.write(tree, "bench.example/g", versions, this::zipKib);
    log("upstream: %d versions, %.1f MiB, latency %d ms", versions, mib(set.bytes()), latencyMs);
    try (GoLatencyGoproxy upstream =
        GoLatencyGoproxy.start(tree, Duration.ofMillis(latencyMs), dir.resolve("upstream.log"))) {
      double goSeconds = Double.NaN;
      if (!skipGo) {
        goSeconds = goModDownload(dir, upstream, set.refs());
        if (goSeconds < 0) {
          return 1;
        }
        log("go mod download: %.2f s", goSeconds);
      }
      // Null when S3Proxy runs in this JVM (try-with-resources skips a null resource).
      try (GoS3Server s3 = s3InJvm ? null : GoS3Server.start(BUCKET, dir.resolve("s3.log"));
          DevMirror dev = startMirror(dir, upstream, s3)) {
        Window window = measure(dev.bus(), warmup, set, upstream, s3);
        if (window == null) {
          return 1;
        }
        log(
            "ours: %.2f s, %d upstream requests, process CPU %.1f s (%.1f ms per version), JIT"
                + " %.1f s, S3 server %.1f s (%s), bench upstream %.1f s, machine %.1f s",
            window.seconds(),
            window.requests(),
            window.cpu(),
            1000 * window.cpu() / versions,
            window.jit(),
            window.s3(),
            s3 == null ? "S3Proxy's threads in this JVM" : "its own process",
            window.upstream(),
            window.machine());
        printResult(goSeconds, set, window);
        return 0;
      }
    }
  }

  private DevMirror startMirror(Path dir, GoLatencyGoproxy upstream, GoS3Server s3)
      throws IOException {
    String goproxy = upstream.baseUrl().toString();
    if (s3 == null) {
      return DevMirror.start(
          dir.resolve("mirror"), 0, goproxy, "off", warmer -> warmer.withInFlight(inFlight));
    }
    // gofakes3 takes any credentials; the client signs its requests all the same.
    S3Config primary = new S3Config(s3.endpoint(), "bench", "bench-secret", BUCKET, "us-east-1");
    return DevMirror.start(
        dir.resolve("mirror"), 0, goproxy, "off", primary, warmer -> warmer.withInFlight(inFlight));
  }

  /**
   * Warms the warm-up set untimed, then the measured set, and reads the CPU spent in the measured
   * window: this process by thread group (logged), the S3 server, the bench's upstream, the
   * machine.
   *
   * @return the window, or null if a version did not warm
   */
  private Window measure(
      EventBus bus,
      SyntheticUpstream warmup,
      SyntheticUpstream set,
      GoLatencyGoproxy upstream,
      GoS3Server s3)
      throws InterruptedException {
    if (!warmUp(bus, warmup.refs())) {
      return null;
    }
    log("warm-up: %d versions untimed", warmupVersions);
    long requestsBefore = upstream.requests();
    var threadsBefore = Measure.nativeThreadCpu();
    long s3Before = s3 == null ? 0 : s3.cpuNanos();
    long upstreamBefore = upstream.cpuNanos();
    long machine = Measure.machineBusyNanos();
    long cpu = Measure.processCpuNanos();
    double seconds = warm(bus, set.refs());
    long cpuNanos = Measure.processCpuNanos() - cpu;
    long machineNanos = Measure.machineBusyNanos() - machine;
    long s3Nanos = s3 == null ? 0 : s3.cpuNanos() - s3Before;
    long upstreamNanos = upstream.cpuNanos() - upstreamBefore;
    var threadsAfter = Measure.nativeThreadCpu();
    log("process CPU in the window by thread (kernel names, digits folded):");
    Measure.cpuByThreadGroup(threadsBefore, threadsAfter, cpuNanos).stream()
        .limit(25)
        .forEach(line -> log("  %s", line));
    if (seconds < 0) {
      return null;
    }
    if (s3 == null) {
      s3Nanos = Measure.cpuSince(threadsBefore, threadsAfter, "S3Proxy");
    }
    return new Window(
        seconds,
        upstream.requests() - requestsBefore,
        cpuNanos / 1e9,
        Measure.cpuSince(threadsBefore, threadsAfter, "C1 Compiler", "C2 Compiler") / 1e9,
        s3Nanos / 1e9,
        upstreamNanos / 1e9,
        machineNanos / 1e9);
  }

  /**
   * Warms {@code refs} untimed in rounds of {@code --versions}, logging each round's process CPU
   * and JIT CPU per version.
   *
   * @return false if a version did not warm
   */
  private boolean warmUp(EventBus bus, List<ModuleRef> refs) throws InterruptedException {
    for (int from = 0, round = 1; from < refs.size(); from += versions, round++) {
      List<ModuleRef> part = refs.subList(from, Math.min(refs.size(), from + versions));
      var threads = Measure.nativeThreadCpu();
      long cpu = Measure.processCpuNanos();
      double seconds = warm(bus, part);
      if (seconds < 0) {
        return false;
      }
      double jit =
          Measure.cpuSince(threads, Measure.nativeThreadCpu(), "C1 Compiler", "C2 Compiler");
      log(
          "warm-up round %d: %d versions, %.2f s, process CPU %.1f ms per version, JIT %.1f",
          round,
          part.size(),
          seconds,
          (Measure.processCpuNanos() - cpu) / 1e6 / part.size(),
          jit / 1e6 / part.size());
    }
    return true;
  }

  /**
   * The measured window: its seconds and upstream requests, and CPU seconds of this process, of its
   * JIT compiler threads, of the primary's S3 server (its process, or S3Proxy's threads here), of
   * the upstream's process and of the whole machine.
   */
  private record Window(
      double seconds,
      long requests,
      double cpu,
      double jit,
      double s3,
      double upstream,
      double machine) {}

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
  private double goModDownload(Path dir, GoLatencyGoproxy upstream, List<ModuleRef> refs)
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

  private void printResult(double goSeconds, SyntheticUpstream set, Window w) {
    double bound = versions * REQUESTS_PER_VERSION * (latencyMs / 1000.0) / inFlight;
    System.out.printf(
        Locale.ROOT,
        "RESULT warm-go versions=%d latency_ms=%d seconds=%.2f go_seconds=%.2f ratio=%.2f"
            + " bound_fraction=%.2f bound_seconds=%.2f in_flight=%d mib=%.1f"
            + " cpu_ms_per_version=%.1f jit_ms=%.0f warmup=%d s3=%s s3_cpu_ms_per_version=%.1f"
            + " upstream_cpu_ms_per_version=%.1f machine_cpu_ms_per_version=%.1f%n",
        versions,
        latencyMs,
        w.seconds(),
        goSeconds,
        goSeconds / w.seconds(),
        bound / w.seconds(),
        bound,
        inFlight,
        mib(set.bytes()),
        1000 * w.cpu() / versions,
        1000 * w.jit(),
        warmupVersions,
        s3InJvm ? "jvm" : "process",
        1000 * w.s3() / versions,
        1000 * w.upstream() / versions,
        1000 * w.machine() / versions);
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench warm-go: " + format + "%n", args);
  }
}
