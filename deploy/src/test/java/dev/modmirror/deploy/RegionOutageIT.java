package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.io.Trees;
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
import dev.modmirror.replicator.ReconcileReport;
import dev.modmirror.replicator.ReconcileReport.Count;
import dev.modmirror.replicator.ReconcileSettings;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 9, a region's S3 endpoint failing under a stream of warmed versions while the replicator
 * runs (a primary and two regions on real S3, the replicator of the one assembly on the real
 * broker). Stopped for a while, then started: the other region keeps up with every version warmed
 * during the outage before the stopped one is back (its group has nothing queued while the stopped
 * region's lag grows); the stopped region receives nothing meanwhile, catches up by itself once
 * started (its copies were still retrying: no reconcile run) and ends identical to the primary.
 * Credentials revoked, or its bucket deleted under the replicator: every copy fails at once as
 * permanent and is recorded pending (never retried forever, never dropped), the other region is
 * unaffected, and one reconcile run after the fix makes the region identical.
 */
class RegionOutageIT {
  private static final Logger LOG = LoggerFactory.getLogger(RegionOutageIT.class);
  private static final Duration GUARD = Duration.ofMinutes(3);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "example.com/outage" + run + "/";
  private final String euKey = "eu-" + run;
  private final String euSecret = UUID.randomUUID().toString().replace("-", "");
  private final Map<ModuleRef, Map<String, RegionReplicated>> outcomes = new ConcurrentHashMap<>();
  private final List<VersionWarmed> warmed = new ArrayList<>();
  private Path work;
  private int port;
  private EmbeddedS3 euServer;
  private S3Config euConfig;
  private FakeGoProxy upstream;
  private Adapters adapters;
  private ReplicatorConfig config;
  private ModuleStore primary;
  private ModuleStore eu;
  private ModuleStore us;
  private VersionStatus status;
  private ReplicatorService replicator;

  @BeforeEach
  void start() throws Exception {
    work = TempDirs.create("region-outage-");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    euServer = startEu(euKey, euSecret);
    euConfig = new S3Config(euServer.endpoint(), euKey, euSecret, "eu-" + run, "us-east-1");
    Map<String, S3Config> regions = new LinkedHashMap<>();
    regions.put("eu", euConfig);
    regions.put("us", s3("us-" + run));
    config =
        new ReplicatorConfig(
            work.resolve("spool"),
            100, // retries outlast the outage: the region catches up without reconcile
            Duration.ofMillis(100),
            "ro-" + run,
            1,
            8,
            Duration.ofMinutes(5),
            Duration.ofSeconds(5));
    upstream = FakeGoProxy.start();
    adapters =
        Adapters.open(
            deployment(upstream, regions, config), Adapters.EVERY_REGION, OpenTelemetry.noop());
    primary = adapters.primary();
    eu = adapters.regions().get(0);
    us = adapters.regions().get(1);
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
    status = services.status(config);
    replicator = services.startReplicator(config);
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {replicator, adapters, upstream, euServer}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // Closing what the test started.
      }
    }
    TempDirs.deleteTree(work);
  }

  @Test
  void aRegionStoppedUnderLoadCatchesUpWhileTheOtherNeverWaitsForIt() throws Exception {
    List<VersionWarmed> before = publish("before", 10);
    await(
        () -> replicated(before, "eu") && replicated(before, "us"),
        "the first versions in both regions");

    euServer.close();
    Instant stopped = Instant.now();
    // Under load: a steady stream of warmed versions while the region is down.
    List<VersionWarmed> during = publish("during", 40);
    await(() -> replicated(during, "us"), "the outage's versions in us");
    await(() -> lag("us").queued() == 0, "us's group has nothing queued");
    RegionLag euLag = lag("eu");
    RegionLag usLag = lag("us");
    assertThat(usLag.lag()).as("us's lag during the outage").isZero();
    assertThat(usLag.pending()).isZero();
    assertThat(euLag.queued()).as("eu's queued warmed events").isPositive();
    assertThat(euLag.lag()).as("eu's lag during the outage").isPositive();
    assertThat(during)
        .as("nothing reached the stopped region, not even a give-up")
        .allSatisfy(w -> assertThat(outcomes.get(w.ref())).doesNotContainKey("eu"));
    Instant restarted = Instant.now();
    euServer = startEu(euKey, euSecret);

    publish("after", 10);
    await(
        () -> replicated(warmed, "eu") && replicated(warmed, "us"),
        "every version in both regions");
    report(during, stopped, restarted);
    assertThat(during)
        .as("us copied every version of the outage before eu was back")
        .allSatisfy(w -> assertThat(at(w, "us")).isBefore(restarted));
    assertThat(during)
        .as("eu copied them after it was back")
        .allSatisfy(w -> assertThat(at(w, "eu")).isAfterOrEqualTo(restarted));
    await(() -> lag("eu").queued() == 0, "eu's group has caught up");
    assertIdentical();
    for (VersionWarmed w : warmed) {
      assertThat(primary.readRecord(ObjectKeys.unreplicated("eu", w.ref()))).isEmpty();
    }
    assertThat(status.regions()).allSatisfy(r -> assertThat(r.pending()).isZero());
  }

  @Test
  void revokedCredentialsAndADeletedBucketLeaveVersionsPendingUntilOneReconcileRun()
      throws Exception {
    // Revoked: the endpoint answers, but no longer to eu's key.
    euServer.close();
    euServer = startEu(euKey, "revoked" + euSecret);
    List<VersionWarmed> revoked = publish("revoked", 3);
    await(() -> ended(revoked, "eu") && replicated(revoked, "us"), "the copies while revoked");
    assertFailedAsPermanent(revoked, "eu");

    // Restored, then the bucket deleted under the running replicator.
    euServer.close();
    euServer = startEu(euKey, euSecret);
    Trees.deleteQuietly(work.resolve("eu").resolve(euConfig.bucket()));
    List<VersionWarmed> deleted = publish("deleted", 3);
    await(() -> ended(deleted, "eu") && replicated(deleted, "us"), "the copies without bucket");
    assertFailedAsPermanent(deleted, "eu");
    assertThat(outcomes.get(deleted.get(0).ref()).get("eu").reason()).contains("NoSuchBucket");
    assertThat(lag("eu").pending()).isEqualTo(6);
    assertThat(lag("us").pending()).isZero();

    // The operator recreates the bucket (any start of a store does) and runs reconcile once.
    MinioModuleStore.create("eu", euConfig);
    ReconcileReport report =
        Services.over(adapters).reconciler(config).run(new ReconcileSettings(prefix, false, 2));
    ReconcileReport.Region euPart = report.regions().get(0);
    assertThat(report.clean()).as(report.table()).isTrue();
    assertThat(euPart.count(Count.COPIED)).isEqualTo(6);
    assertThat(euPart.count(Count.PENDING_CLEARED)).isEqualTo(6);
    assertIdentical();
    assertThat(lag("eu").pending()).isZero();
  }

  private void assertFailedAsPermanent(List<VersionWarmed> versions, String region) {
    for (VersionWarmed w : versions) {
      RegionReplicated r = outcomes.get(w.ref()).get(region);
      assertThat(r.ok()).isFalse();
      assertThat(r.reason()).startsWith(new PermanentException("x").kind() + ":");
      assertThat(primary.readRecord(ObjectKeys.unreplicated(region, w.ref())))
          .as("pending record of " + w.ref())
          .isPresent();
    }
  }

  private void assertIdentical() {
    Map<String, String> expected = ReplicaAudit.contents(primary, prefix);
    assertThat(expected).hasSize(warmed.size() * 4);
    assertThat(ReplicaAudit.contents(eu, prefix)).as("eu").isEqualTo(expected);
    assertThat(ReplicaAudit.contents(us, prefix)).as("us").isEqualTo(expected);
    assertThat(ReplicaAudit.torn(eu, prefix)).isEmpty();
  }

  /** eu's endpoint, over the same directory and port each time, with the given credentials. */
  private EmbeddedS3 startEu(String key, String secret) {
    return EmbeddedS3.start(work.resolve("eu"), key, secret, EmbeddedS3.Conditions.ATOMIC, port);
  }

  /** Writes {@code count} versions to the primary and publishes each as warmed, 20 a second. */
  private List<VersionWarmed> publish(String name, int count) throws InterruptedException {
    List<VersionWarmed> published = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String path = prefix + name + i;
      BuiltModule m =
          ModuleBuilder.module(path)
              .version("v1.0.0")
              .file("a.go", "package a // " + path + "\n")
              .build();
      VersionWarmed w = ReplicaAudit.warm(primary, m, Instant.now());
      adapters.bus().publish(Topics.WARMED, w);
      published.add(w);
      Thread.sleep(50);
    }
    warmed.addAll(published);
    return published;
  }

  /** Whether every version has an outcome in {@code region}, ok or not. */
  private boolean ended(List<VersionWarmed> versions, String region) {
    return versions.stream()
        .allMatch(w -> outcomes.getOrDefault(w.ref(), Map.of()).containsKey(region));
  }

  /** Whether every version was copied to {@code region}; a failed copy fails the test. */
  private boolean replicated(List<VersionWarmed> versions, String region) {
    for (VersionWarmed w : versions) {
      RegionReplicated r = outcomes.getOrDefault(w.ref(), Map.of()).get(region);
      if (r == null) {
        return false;
      }
      assertThat(r.ok()).as(w.ref() + " in " + region + ": " + r).isTrue();
    }
    return true;
  }

  private Instant at(VersionWarmed w, String region) {
    return outcomes.get(w.ref()).get(region).at();
  }

  /** The lags measured, for the log: each region's (copied − warmed) over the outage's versions. */
  private void report(List<VersionWarmed> during, Instant stopped, Instant restarted) {
    for (String region : List.of("us", "eu")) {
      long[] lags =
          during.stream()
              .mapToLong(w -> Duration.between(w.warmedAt(), at(w, region)).toMillis())
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

  private RegionLag lag(String region) {
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

  private Deployment deployment(
      FakeGoProxy upstream, Map<String, S3Config> regions, ReplicatorConfig config) {
    return new Deployment(
        KafkaBusConfig.of(TestKafka.bootstrapServers(), "region-outage"),
        s3("primary-" + run),
        regions,
        GoEnv.from(Map.of("GOPROXY", upstream.baseUrl().toString(), "GOSUMDB", "off")),
        UpstreamConfig.defaults(),
        TelemetryConfig.service("region-outage"),
        new WarmerConfig(work, 3, Duration.ofMillis(20), 1 << 20, "ro-w-" + run, 1),
        config);
  }

  private static S3Config s3(String name) {
    S3Server server = TestS3.newServer(name);
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), name, "us-east-1");
  }
}
