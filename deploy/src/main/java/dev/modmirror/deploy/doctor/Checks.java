package dev.modmirror.deploy.doctor;

import dev.modmirror.adapters.probe.KafkaProbe;
import dev.modmirror.adapters.probe.Probe;
import dev.modmirror.adapters.probe.S3Probe;
import dev.modmirror.adapters.probe.SumDbProbe;
import dev.modmirror.adapters.probe.TcpProbe;
import dev.modmirror.adapters.upstream.UpstreamPool;
import dev.modmirror.adapters.upstream.UpstreamStatus;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.deploy.wiring.Deployment;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Every dependency of a deployment as a check that yields rows, run in parallel, each bounded: a
 * check that has not answered by {@code timeout} plus a grace (half of it, at least 2 s) is
 * reported unreachable and left behind (its threads are daemons).
 */
public final class Checks {
  /** A named check: one or more rows (Kafka's topics and groups come with the cluster). */
  record Check(String name, String target, Callable<Map<String, Probe>> probe) {
    /** What to check when this check does not answer at all. */
    String hint() {
      return name.equals("kafka")
          ? "check MODMIRROR_KAFKA_BOOTSTRAP and that the broker is up and reachable from here"
          : "check that it is up and reachable from here";
    }
  }

  private Checks() {}

  /** Every check of {@code modmirror doctor}, in report order. */
  static List<Check> all(Deployment d, Map<String, String> env, Duration timeout) {
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            "kafka", d.kafka().bootstrapServers(), () -> KafkaProbe.check(d.kafka(), timeout)));
    checks.add(
        new Check(
            "s3 primary",
            d.primary().endpoint().toString(),
            () -> Map.of("s3 primary", S3Probe.writeReadDelete(d.primary(), timeout))));
    d.regions()
        .forEach(
            (region, config) ->
                checks.add(
                    new Check(
                        "s3 region " + region,
                        config.endpoint().toString(),
                        () ->
                            Map.of(
                                "s3 region " + region, S3Probe.writeReadDelete(config, timeout)))));
    checks.add(new Check("upstreams", "the upstreams", () -> upstreams(env, timeout)));
    checks.add(
        new Check(
            "sumdb",
            d.goEnv().gosumdb(),
            () -> Map.of("sumdb", SumDbProbe.check(d.goEnv(), timeout))));
    otlpEndpoint(env)
        .ifPresent(
            url ->
                checks.add(
                    new Check(
                        "otlp",
                        url.toString(),
                        () ->
                            Map.of(
                                "otlp",
                                TcpProbe.connect(
                                    url,
                                    timeout,
                                    "check OTEL_EXPORTER_OTLP_ENDPOINT and the collector")))));
    return checks;
  }

  /** The services' start-up wait: the broker and the buckets a service uses, nothing written. */
  static List<Check> reachability(
      Deployment d, boolean kafka, boolean primary, List<String> regions, Duration timeout) {
    List<Check> checks = new ArrayList<>();
    if (kafka) {
      checks.add(
          new Check(
              "kafka",
              d.kafka().bootstrapServers(),
              () -> Map.of("kafka", KafkaProbe.reachable(d.kafka(), timeout))));
    }
    if (primary && d.primary() != null) {
      checks.add(
          new Check(
              "s3 primary",
              d.primary().endpoint().toString(),
              () -> Map.of("s3 primary", S3Probe.reachable(d.primary(), timeout))));
    }
    for (String region : regions) {
      var config = d.regions().get(region);
      if (config != null) {
        checks.add(
            new Check(
                "s3 region " + region,
                config.endpoint().toString(),
                () -> Map.of("s3 region " + region, S3Probe.reachable(config, timeout))));
      }
    }
    return checks;
  }

  /** Runs {@code checks} in parallel; rows in check order. */
  static List<CheckResult> run(List<Check> checks, Duration timeout) throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, checks.size()),
            r -> {
              Thread t = new Thread(r, "doctor-check");
              t.setDaemon(true);
              return t;
            });
    try {
      long started = System.nanoTime();
      List<Future<Map<String, Probe>>> futures = new ArrayList<>();
      List<long[]> ends = new ArrayList<>();
      for (Check c : checks) {
        long[] end = {0};
        ends.add(end);
        futures.add(
            pool.submit(
                () -> {
                  try {
                    return c.probe().call();
                  } finally {
                    end[0] = System.nanoTime();
                  }
                }));
      }
      // Grace for the clients' own start-up (class loading, a first DNS lookup) on a busy machine.
      Duration grace =
          timeout.dividedBy(2).compareTo(Duration.ofSeconds(2)) > 0
              ? timeout.dividedBy(2)
              : Duration.ofSeconds(2);
      long deadline = started + timeout.plus(grace).toNanos();
      List<CheckResult> rows = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        Check c = checks.get(i);
        Map<String, Probe> found;
        try {
          found =
              futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          futures.get(i).cancel(true);
          found =
              Map.of(
                  c.name(),
                  Probe.unreachable(
                      c.target() + ": no answer within " + timeout.plus(grace).toSeconds() + " s",
                      c.hint()));
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          found =
              Map.of(
                  c.name(),
                  Probe.failed(
                      cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                      "see --verbose"));
        }
        long end = ends.get(i)[0] == 0 ? System.nanoTime() : ends.get(i)[0];
        long millis = TimeUnit.NANOSECONDS.toMillis(end - started);
        found.forEach((row, probe) -> rows.add(CheckResult.of(row, probe, millis)));
      }
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, Probe> upstreams(Map<String, String> env, Duration timeout) {
    Deployment.Upstreams u = Deployment.upstreamsFrom(env);
    Map<String, Probe> rows = new LinkedHashMap<>();
    try (UpstreamPool pool =
        Upstreams.build(u.goEnv(), u.client(), u.pool(), OpenTelemetry.noop())) {
      pool.probeNow(timeout);
      for (UpstreamStatus s : pool.status()) {
        String name = "upstream " + s.name();
        // One probe: a failure has not opened the breaker yet, but it is the answer we got.
        if (s.consecutiveFailures() > 0 || !s.up()) {
          rows.put(
              name,
              Probe.unreachable(
                  s.url() + ": " + (s.lastFailure().isEmpty() ? "no answer" : s.lastFailure()),
                  "check MODMIRROR_UPSTREAM / MODMIRROR_UPSTREAMS and the upstream's health"));
        } else {
          rows.put(
              name,
              Probe.ok(
                  s.url() + String.format(java.util.Locale.ROOT, ", %.0f ms", s.latencyMillis())));
        }
      }
    }
    return rows;
  }

  private static java.util.Optional<URI> otlpEndpoint(Map<String, String> env) {
    String url =
        env.getOrDefault(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    if (url == null || url.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(URI.create(url.strip()));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
