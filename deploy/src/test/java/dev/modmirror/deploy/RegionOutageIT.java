package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.embedded.s3.EmbeddedS3;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.replicator.ReplicatorService;
import dev.modmirror.replicator.VersionStatus;
import dev.modmirror.replicator.VersionStatus.RegionLag;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 9: one region's S3 endpoint stopped for a while under a stream of warmed versions, then
 * started again. The other region keeps up with every version warmed during the outage before the
 * stopped one is back (its consumer group has nothing queued while the stopped region's lag grows);
 * the stopped region receives nothing meanwhile, catches up by itself once started (its copies were
 * still retrying: no reconcile run) and ends identical to the primary, with nothing left pending.
 */
class RegionOutageIT {
  private static final Logger LOG = LoggerFactory.getLogger(RegionOutageIT.class);
  private static final Duration GUARD = Duration.ofMinutes(3);

  @Test
  void aRegionStoppedUnderLoadCatchesUpWhileTheOtherNeverWaitsForIt() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "example.com/outage" + run + "/";
    Path work = TempDirs.create("region-outage-");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String secret = UUID.randomUUID().toString().replace("-", "");
    EmbeddedS3 euServer =
        EmbeddedS3.start(
            work.resolve("eu"), "eu-" + run, secret, EmbeddedS3.Conditions.ATOMIC, port);
    Map<String, S3Config> regions = new LinkedHashMap<>();
    regions.put(
        "eu", new S3Config(euServer.endpoint(), "eu-" + run, secret, "eu-" + run, "us-east-1"));
    regions.put("us", s3("us-" + run));
    ReplicatorConfig config =
        new ReplicatorConfig(
            work.resolve("spool"),
            100, // retries outlast the outage: the region catches up without reconcile
            Duration.ofMillis(100),
            "ro-" + run,
            1,
            8,
            Duration.ofMinutes(5),
            Duration.ofSeconds(5));
    Map<ModuleRef, Map<String, RegionReplicated>> outcomes = new ConcurrentHashMap<>();
    List<VersionWarmed> warmed = new ArrayList<>();
    try (FakeGoProxy upstream = FakeGoProxy.start();
        Adapters adapters =
            Adapters.open(
                deployment(upstream, regions, config, work),
                Adapters.EVERY_REGION,
                OpenTelemetry.noop())) {
      ModuleStore primary = adapters.primary();
      ModuleStore eu = adapters.regions().get(0);
      ModuleStore us = adapters.regions().get(1);
      adapters
          .bus()
          .subscribe(
              Topics.REPLICATED,
              "ro-outcomes-" + run,
              e -> {
                if (e.ref().path().value().startsWith(prefix)) {
                  outcomes
                      .computeIfAbsent(e.ref(), r -> new ConcurrentHashMap<>())
                      .put(e.region(), e);
                }
              });
      for (String region : regions.keySet()) {
        TestKafka.startGroupAtEnd(config.group(region), List.of(Topics.WARMED.name()));
      }
      Services services = Services.over(adapters);
      VersionStatus status = services.status(config);
      try (ReplicatorService replicator = services.startReplicator(config)) {
        List<VersionWarmed> before = publish(adapters, primary, prefix + "before", 10, warmed);
        await(
            () -> replicated(outcomes, before, "eu") && replicated(outcomes, before, "us"),
            "the first versions in both regions");

        euServer.close();
        Instant stopped = Instant.now();
        // Under load: a steady stream of warmed versions while the region is down.
        List<VersionWarmed> during = publish(adapters, primary, prefix + "during", 40, warmed);
        await(() -> replicated(outcomes, during, "us"), "the outage's versions in us");
        await(() -> lag(status, "us").queued() == 0, "us's group has nothing queued");
        RegionLag euLag = lag(status, "eu");
        RegionLag usLag = lag(status, "us");
        assertThat(usLag.lag()).as("us's lag during the outage").isZero();
        assertThat(usLag.pending()).isZero();
        assertThat(euLag.queued()).as("eu's queued warmed events").isPositive();
        assertThat(euLag.lag()).as("eu's lag during the outage").isPositive();
        assertThat(during)
            .as("nothing reached the stopped region, not even a give-up")
            .allSatisfy(w -> assertThat(outcomes.get(w.ref())).doesNotContainKey("eu"));
        Instant restarted = Instant.now();
        euServer =
            EmbeddedS3.start(
                work.resolve("eu"), "eu-" + run, secret, EmbeddedS3.Conditions.ATOMIC, port);

        List<VersionWarmed> after = publish(adapters, primary, prefix + "after", 10, warmed);
        await(
            () -> replicated(outcomes, warmed, "eu") && replicated(outcomes, warmed, "us"),
            "every version in both regions");
        report(outcomes, during, stopped, restarted);
        assertThat(during)
            .as("us copied every version of the outage before eu was back")
            .allSatisfy(w -> assertThat(at(outcomes, w, "us")).isBefore(restarted));
        assertThat(during)
            .as("eu copied them after it was back")
            .allSatisfy(w -> assertThat(at(outcomes, w, "eu")).isAfterOrEqualTo(restarted));
        assertThat(after).hasSize(10);
        await(() -> lag(status, "eu").queued() == 0, "eu's group has caught up");
      }
      Map<String, String> expected = ReplicaAudit.contents(primary, prefix);
      assertThat(expected).hasSize(warmed.size() * 4);
      assertThat(ReplicaAudit.contents(eu, prefix)).as("eu").isEqualTo(expected);
      assertThat(ReplicaAudit.contents(us, prefix)).as("us").isEqualTo(expected);
      assertThat(ReplicaAudit.torn(eu, prefix)).isEmpty();
      for (VersionWarmed w : warmed) {
        assertThat(primary.readRecord(ObjectKeys.unreplicated("eu", w.ref()))).isEmpty();
      }
      assertThat(status.regions()).allSatisfy(r -> assertThat(r.pending()).isZero());
    } finally {
      euServer.close();
      TempDirs.deleteTree(work);
    }
  }

  /** Writes {@code count} versions to the primary and publishes each as warmed, 20 a second. */
  private static List<VersionWarmed> publish(
      Adapters adapters, ModuleStore primary, String path, int count, List<VersionWarmed> all)
      throws InterruptedException {
    List<VersionWarmed> published = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BuiltModule m =
          ModuleBuilder.module(path + i)
              .version("v1.0.0")
              .file("a.go", "package a // " + path + i + "\n")
              .build();
      VersionWarmed w = ReplicaAudit.warm(primary, m, Instant.now());
      adapters.bus().publish(Topics.WARMED, w);
      published.add(w);
      Thread.sleep(50);
    }
    all.addAll(published);
    return published;
  }

  private static boolean replicated(
      Map<ModuleRef, Map<String, RegionReplicated>> outcomes,
      List<VersionWarmed> versions,
      String region) {
    for (VersionWarmed w : versions) {
      RegionReplicated r = outcomes.getOrDefault(w.ref(), Map.of()).get(region);
      if (r == null) {
        return false;
      }
      assertThat(r.ok()).as(w.ref() + " in " + region + ": " + r).isTrue();
    }
    return true;
  }

  private static Instant at(
      Map<ModuleRef, Map<String, RegionReplicated>> outcomes, VersionWarmed w, String region) {
    return outcomes.get(w.ref()).get(region).at();
  }

  /** The lags measured, for the log: each region's (copied − warmed) over the outage's versions. */
  private static void report(
      Map<ModuleRef, Map<String, RegionReplicated>> outcomes,
      List<VersionWarmed> during,
      Instant stopped,
      Instant restarted) {
    for (String region : List.of("us", "eu")) {
      long[] lags =
          during.stream()
              .mapToLong(w -> Duration.between(w.warmedAt(), at(outcomes, w, region)).toMillis())
              .sorted()
              .toArray();
      LOG.info(
          "outage of {} ms: {} lag over {} versions p50={} ms max={} ms",
          Duration.between(stopped, restarted).toMillis(),
          region,
          lags.length,
          lags[lags.length / 2],
          lags[lags.length - 1]);
    }
  }

  private static RegionLag lag(VersionStatus status, String region) {
    return status.regions().stream()
        .filter(r -> r.region().equals(region))
        .findFirst()
        .orElseThrow();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + GUARD + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  private static Deployment deployment(
      FakeGoProxy upstream, Map<String, S3Config> regions, ReplicatorConfig config, Path work) {
    return new Deployment(
        KafkaBusConfig.of(TestKafka.bootstrapServers(), "region-outage"),
        s3("primary-" + UUID.randomUUID().toString().substring(0, 8)),
        regions,
        GoEnv.from(Map.of("GOPROXY", upstream.baseUrl().toString(), "GOSUMDB", "off")),
        UpstreamConfig.defaults(),
        TelemetryConfig.service("region-outage"),
        new WarmerConfig(work, 3, Duration.ofMillis(20), 1 << 20, "ro-w", 1),
        config);
  }

  private static S3Config s3(String name) {
    S3Server server = TestS3.newServer(name);
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), name, "us-east-1");
  }
}
