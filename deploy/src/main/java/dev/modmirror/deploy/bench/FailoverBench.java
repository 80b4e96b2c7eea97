package dev.modmirror.deploy.bench;

import dev.modmirror.adapters.upstream.PoolSettings;
import dev.modmirror.adapters.upstream.UpstreamAuth;
import dev.modmirror.adapters.upstream.UpstreamSpec;
import dev.modmirror.adapters.upstream.UpstreamStatus;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.io.Trees;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.dev.DevMirror;
import dev.modmirror.deploy.dev.OutcomeCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./modmirror bench failover}: a whole mirror (dev cluster, the real warmer) warms {@code
 * --versions} module versions requested at {@code --rate} per second from an upstream pool of two
 * upstreams serving the same tree, {@code a} (weight 2, preferred) and {@code b}. When 30 % of the
 * versions have been requested, {@code a} dies (connection refused); at 60 % it comes back with
 * {@code --slow} per request. Prints {@code RESULT failover success_ratio=… failover_ms=…
 * p99_warm_ms=…} last, where failover is the time from the first failed request to {@code a} to the
 * first request {@code b} served after it, and warm time runs from a version's request to its
 * warmed event. Exit 0 only if at least 99.95 % were warmed, failover took under 10 s and {@code
 * a}'s breaker did not open again once it was back, slow.
 */
@Command(name = "bench-failover", mixinStandardHelpOptions = true)
public final class FailoverBench implements Callable<Integer> {
  @Option(names = "--versions", defaultValue = "1000", description = "Versions to warm.")
  int versions;

  @Option(names = "--rate", defaultValue = "10", description = "Versions requested per second.")
  double rate;

  @Option(names = "--zip-kib", defaultValue = "8", description = "Zip size of each, KiB.")
  int zipKib;

  @Option(names = "--slow", defaultValue = "PT2S", description = "Delay of the revived upstream.")
  Duration slow;

  @Option(names = "--regions", defaultValue = "0", description = "Region buckets.")
  int regions;

  @Option(names = "--timeout", defaultValue = "PT15M", description = "Wait at most this long.")
  Duration timeout;

  @Option(names = "--data-dir", description = "Where servers keep data (default: a temp dir).")
  Path dataDir;

  public static void main(String[] args) {
    if (System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    System.exit(new CommandLine(new FailoverBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (versions < 10 || !(rate > 0) || zipKib < 1 || regions < 0 || regions > 16) {
      System.err.println("need --versions >= 10, --rate > 0, --zip-kib >= 1, 0 <= --regions <= 16");
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
    SyntheticUpstream upstream = SyntheticUpstream.write(tree, "bench.example/f", versions, zipKib);
    try (SwitchableGoproxy a = SwitchableGoproxy.start(tree);
        SwitchableGoproxy b = SwitchableGoproxy.start(tree);
        DevMirror dev = DevMirror.start(dir, regions, a.baseUrl().toString(), "off", pool(a, b))) {
      var warm = dev.warmAndReport();
      if (!warm.run("warmup/go.mod", warmup.goMod(), timeout).stream()
          .allMatch(r -> r.status().equals("warmed"))) {
        log("warm-up failed");
        return 1;
      }
      return measure(dev, a, b, upstream.refs());
    }
  }

  private int measure(DevMirror dev, SwitchableGoproxy a, SwitchableGoproxy b, List<ModuleRef> refs)
      throws InterruptedException {
    Map<ModuleRef, Instant> requested = new HashMap<>();
    AtomicLong firstFailure = new AtomicLong();
    long[] revivedAt = new long[1];
    long opensAtRevive = 0;
    try (OutcomeCollector outcomes = OutcomeCollector.start(dev.bus())) {
      Thread watcher = watchFirstFailure(dev, firstFailure);
      long started = System.nanoTime();
      for (int i = 0; i < refs.size(); i++) {
        pace(started, i);
        if (i == refs.size() * 3 / 10) {
          long before = a.served().size();
          long all = before + b.served().size();
          log(
              "%d of %d requested: upstream a dies (it served %d of %d requests so far)",
              i, refs.size(), before, all);
          a.kill();
          watcher.start();
        } else if (i == refs.size() * 6 / 10) {
          log(
              "%d of %d requested: upstream a comes back, %d ms per request",
              i, refs.size(), slow.toMillis());
          opensAtRevive = status(dev, "a").opens();
          a.revive(slow);
          revivedAt[0] = System.nanoTime();
        }
        requested.put(refs.get(i), Instant.now());
        dev.ingest().publish(List.of(refs.get(i)), "bench-failover");
      }
      outcomes.await(new LinkedHashSet<>(refs), Set.of(), timeout);
      watcher.interrupt();
      return report(
          dev, outcomes, requested, a, b, firstFailure.get(), revivedAt[0], opensAtRevive);
    }
  }

  private int report(
      DevMirror dev,
      OutcomeCollector outcomes,
      Map<ModuleRef, Instant> requested,
      SwitchableGoproxy a,
      SwitchableGoproxy b,
      long firstFailure,
      long revivedAt,
      long opensAtRevive) {
    List<Long> warmMillis = new ArrayList<>();
    requested.forEach(
        (ref, at) ->
            outcomes
                .warmed(ref)
                .map(VersionWarmed::warmedAt)
                .ifPresent(w -> warmMillis.add(Duration.between(at, w).toMillis())));
    warmMillis.sort(null);
    double success = (double) warmMillis.size() / requested.size();
    long p99 = percentile(warmMillis, 0.99);
    long p50 = percentile(warmMillis, 0.50);
    Optional<SwitchableGoproxy.Served> served =
        b.served().stream()
            .filter(s -> firstFailure > 0 && s.nanos() >= firstFailure && s.status() == 200)
            .findFirst();
    long failoverMs = served.map(s -> (s.nanos() - firstFailure) / 1_000_000).orElse(-1L);
    UpstreamStatus end = status(dev, "a");
    long slowOpens = end.opens() - opensAtRevive;
    long slowRequests =
        a.served().stream()
            .filter(s -> s.nanos() >= revivedAt && !s.path().startsWith("/golang.org/"))
            .count();
    for (UpstreamStatus s : dev.upstreams().status()) {
      log(
          "upstream %s: breaker %s, opened %d times, latency %.0f ms, success ratio %s",
          s.name(), s.breaker(), s.opens(), s.latencyMillis(), s.successRatio());
    }
    log(
        "a served %d requests in all, %d after it came back slow (probes excluded); b served %d",
        a.served().size(), slowRequests, b.served().size());
    System.out.printf(
        Locale.ROOT,
        "RESULT failover success_ratio=%.4f failover_ms=%d p99_warm_ms=%d p50_warm_ms=%d"
            + " versions=%d slow_requests=%d slow_breaker_opens=%d%n",
        success,
        failoverMs,
        p99,
        p50,
        requested.size(),
        slowRequests,
        slowOpens);
    boolean ok = success >= 0.9995 && failoverMs >= 0 && failoverMs < 10_000 && slowOpens == 0;
    return ok ? 0 : 1;
  }

  private static long percentile(List<Long> sorted, double q) {
    return sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(sorted.size() * q) - 1);
  }

  private static Thread watchFirstFailure(DevMirror dev, AtomicLong firstFailure) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted() && firstFailure.get() == 0) {
                if (status(dev, "a").consecutiveFailures() > 0) {
                  firstFailure.set(System.nanoTime());
                  return;
                }
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-failover-watch");
    t.setDaemon(true);
    return t;
  }

  private void pace(long started, int i) throws InterruptedException {
    long due = started + (long) (i * 1e9 / rate);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private static UpstreamStatus status(DevMirror dev, String name) {
    return dev.upstreams().status().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static PoolSettings pool(SwitchableGoproxy a, SwitchableGoproxy b) {
    Optional<ModulePath> probe = Optional.of(ModulePath.of(PoolSettings.DEFAULT_PROBE_MODULE));
    return PoolSettings.defaults()
        .withUpstreams(
            List.of(
                new UpstreamSpec("a", a.baseUrl(), UpstreamAuth.none(), false, "", 2, probe),
                new UpstreamSpec("b", b.baseUrl(), UpstreamAuth.none(), false, "", 1, probe)))
        .withProbes(true);
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench failover: " + format + "%n", args);
  }
}
