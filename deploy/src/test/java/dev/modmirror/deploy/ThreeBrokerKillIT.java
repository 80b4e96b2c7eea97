package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicCheck;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.streams.DedupeListener;
import dev.modmirror.adapters.streams.IngestStreams;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.dev.OutcomeCollector;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.embedded.kafka.KafkaProcessCluster;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.warmer.WarmerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * modmirror on Kafka as production runs it: three brokers, each its own process, topics with three
 * replicas and min.insync.replicas=2 (the topic plan). One broker is killed with SIGKILL while
 * versions are being warmed and replicated, and started again later: every version ends warmed in
 * the primary and both regions, each bucket lists each version once, nothing is lost.
 */
class ThreeBrokerKillIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final int MODULES = 10;
  private static final int VERSIONS = 3;

  @Test
  void everyVersionEndsWarmedOnceWhileABrokerIsKilledAndRestarted() throws Exception {
    Path work = TempDirs.create("three-brokers-");
    List<BuiltModule> modules = new ArrayList<>();
    for (int m = 0; m < MODULES; m++) {
      for (int v = 0; v < VERSIONS; v++) {
        modules.add(
            ModuleBuilder.module("example.com/three" + RUN + "/m" + m)
                .version("v1.0." + v)
                .file("m.go", "package m\n")
                .build());
      }
    }
    Set<ModuleRef> refs = new LinkedHashSet<>();
    modules.forEach(m -> refs.add(m.ref()));
    try (KafkaProcessCluster kafka = KafkaProcessCluster.start(work.resolve("kafka"), 3);
        FakeGoProxy upstream = FakeGoProxy.start()) {
      modules.forEach(upstream::add);
      // Slow fetches keep versions in flight while the broker dies.
      upstream.inject(Match.any(), Fault.latency(Duration.ofMillis(100)));
      KafkaBusConfig bus =
          new KafkaBusConfig(
              kafka.bootstrapServers(), "three", 3, (short) 3, Duration.ofSeconds(60));
      assertThat(TopicSetup.ensure(bus)).as("the plan applied to a fresh cluster").isEmpty();
      assertThat(TopicSetup.check(bus, false)).extracting(TopicCheck.Mismatch::rule).isEmpty();

      WarmerConfig warmer =
          new WarmerConfig(work, 5, Duration.ofMillis(200), 1 << 20, "three-w-" + RUN, 2);
      ReplicatorConfig replicator =
          new ReplicatorConfig(work, 5, Duration.ofMillis(200), "three-r-" + RUN, 2);
      Map<String, S3Config> regions = new LinkedHashMap<>();
      regions.put("eu", s3("eu"));
      regions.put("us", s3("us"));
      Deployment deployment =
          new Deployment(
              bus,
              s3("primary"),
              regions,
              GoEnv.from(Map.of("GOPROXY", upstream.baseUrl().toString(), "GOSUMDB", "off")),
              UpstreamConfig.defaults(),
              TelemetryConfig.service("three"),
              warmer,
              replicator,
              null);
      Path state = work.resolve("streams");
      try (Adapters adapters = Adapters.open(deployment, Adapters.EVERY_REGION);
          OutcomeCollector outcomes = OutcomeCollector.start(adapters.bus());
          IngestStreams dedupe =
              IngestStreams.start(
                  bus,
                  new IngestStreams.Settings(
                      "three-dedupe-" + RUN,
                      state,
                      Optional.empty(),
                      DedupeRules.defaults(),
                      Duration.ofDays(7)),
                  DedupeListener.none());
          Mirror mirror = Services.over(adapters).startMirror(warmer, replicator)) {
        // A go.mod requires one version of a module: one go.mod per version.
        // The last go.mod is ingested only once the broker is dead, so that work is requested
        // and done while it is down, however fast the machine warms the first ones.
        for (int v = 0; v < VERSIONS - 1; v++) {
          ingest(mirror, modules, v);
        }
        awaitWarmed(outcomes, refs, 4);

        kafka.kill(1);
        ingest(mirror, modules, VERSIONS - 1);
        assertThat(refs.stream().filter(r -> outcomes.warmed(r).isPresent()).count())
            .as("versions still to warm when the broker died")
            .isLessThan(refs.size());
        // Two of three replicas are in sync: producers and transactions go on without node 1.
        awaitWarmed(outcomes, refs, 12);

        kafka.restart(1);
        assertThat(outcomes.await(refs, Set.of("eu", "us"), Duration.ofMinutes(5)))
            .as("every version ended in every region")
            .isTrue();

        List<ModuleStore> stores = new ArrayList<>(List.of(adapters.primary()));
        stores.addAll(adapters.regions());
        for (ModuleRef ref : refs) {
          assertThat(outcomes.warmed(ref)).as(ref.toString()).isPresent();
          assertThat(outcomes.failed(ref)).as(ref.toString()).isEmpty();
          for (String region : List.of("eu", "us")) {
            assertThat(outcomes.region(ref, region))
                .as(ref + " in " + region)
                .hasValueSatisfying(r -> assertThat(r.ok()).isTrue());
          }
          for (ModuleStore store : stores) {
            for (Artifact artifact : Artifact.values()) {
              assertThat(store.size(ref, artifact))
                  .as(store.name() + " " + ref + " " + artifact)
                  .isPresent();
            }
          }
        }
        for (int m = 0; m < MODULES; m++) {
          ModulePath path = modules.get(m * VERSIONS).ref().path();
          for (ModuleStore store : stores) {
            List<String> lines = store.readList(path).orElseThrow().lines().toList();
            assertThat(lines)
                .as(store.name() + " lists each version of " + path + " once")
                .containsExactlyInAnyOrder("v1.0.0", "v1.0.1", "v1.0.2");
            assertThat(store.completeVersions(path)).hasSize(VERSIONS);
          }
        }
      }
    } finally {
      TempDirs.deleteTree(work);
    }
  }

  private static void ingest(Mirror mirror, List<BuiltModule> modules, int v) {
    String version = "v1.0." + v;
    mirror
        .ingest()
        .ingest(
            "three/" + v + "/go.mod",
            goMod(
                modules.stream().filter(b -> b.ref().version().value().equals(version)).toList()));
  }

  private static void awaitWarmed(OutcomeCollector outcomes, Set<ModuleRef> refs, int some)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (refs.stream().filter(r -> outcomes.warmed(r).isPresent()).count() >= some) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fewer than " + some + " versions were warmed in 3 minutes");
  }

  private static String goMod(List<BuiltModule> modules) {
    StringBuilder goMod = new StringBuilder("module example.com/app\n\nrequire (\n");
    modules.forEach(
        m ->
            goMod
                .append('\t')
                .append(m.ref().path())
                .append(' ')
                .append(m.ref().version())
                .append('\n'));
    return goMod.append(")\n").toString();
  }

  private static S3Config s3(String name) {
    S3Server server = TestS3.newServer("three-" + name + "-" + RUN);
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), "three-" + name, "us-east-1");
  }
}
