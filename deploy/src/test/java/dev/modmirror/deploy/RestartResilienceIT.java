package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.dev.OutcomeCollector;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.warmer.WarmerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost across a restart: the services are stopped while versions are in flight and
 * started again as new instances on the same consumer groups, and every requested version still
 * ends warmed in the primary and in every region.
 */
class RestartResilienceIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void everyRequestEndsWarmedAcrossARestartOfTheServices() throws Exception {
    Path work = TempDirs.create("restart-");
    List<BuiltModule> modules =
        IntStream.range(0, 12)
            .mapToObj(
                i ->
                    ModuleBuilder.module("example.com/restart" + RUN + "/m" + i)
                        .version("v1.0." + i)
                        .file("m.go", "package m\n")
                        .build())
            .toList();
    SharedDedupe.ensureRunning();
    try (FakeGoProxy upstream = FakeGoProxy.start()) {
      modules.forEach(upstream::add);
      // Slow zips keep several versions in flight when the services stop.
      upstream.inject(Match.any(), Fault.latency(Duration.ofMillis(150)));
      // Two in flight and no shutdown grace: stopping abandons versions mid-flight.
      WarmerConfig warmer =
          new WarmerConfig(
              work,
              3,
              Duration.ofMillis(50),
              1 << 20,
              "restart-w-" + RUN,
              1,
              2,
              Duration.ofMinutes(1),
              Duration.ofSeconds(1),
              Duration.ZERO);
      ReplicatorConfig replicator =
          new ReplicatorConfig(work, 3, Duration.ofMillis(50), "restart-r-" + RUN, 1);
      Map<String, S3Config> regionConfigs = new LinkedHashMap<>();
      regionConfigs.put("eu", s3("eu"));
      regionConfigs.put("us", s3("us"));
      Deployment deployment =
          new Deployment(
              KafkaBusConfig.of(TestKafka.bootstrapServers(), "restart"),
              s3("primary"),
              regionConfigs,
              GoEnv.from(Map.of("GOPROXY", upstream.baseUrl().toString(), "GOSUMDB", "off")),
              UpstreamConfig.defaults(),
              TelemetryConfig.service("restart"),
              warmer,
              replicator,
              null);
      Set<ModuleRef> refs = new LinkedHashSet<>();
      modules.forEach(m -> refs.add(m.ref()));

      // The adapters outlive both runs of the services, as the servers outlive a redeploy.
      try (Adapters adapters = Adapters.open(deployment, Adapters.EVERY_REGION);
          OutcomeCollector outcomes = OutcomeCollector.start(adapters.bus())) {
        Services services = Services.over(adapters);
        ModuleStore primary = adapters.primary();
        List<ModuleStore> regions = adapters.regions();
        try (Mirror first = services.startMirror(warmer, replicator)) {
          first.ingest().ingest("restart/go.mod", goMod(modules));
          awaitSomeWarmed(outcomes, refs, 2);
        } // stopped mid-flight: the rest of the requests are still on the topic
        assertThat(refs.stream().filter(r -> outcomes.warmed(r).isPresent()).count())
            .as("versions left for the restarted services")
            .isLessThan(refs.size());

        try (Mirror second = services.startMirror(warmer, replicator)) {
          assertThat(outcomes.await(refs, Set.of("eu", "us"), Duration.ofSeconds(90)))
              .as("every version ended after the restart")
              .isTrue();
        }
        for (ModuleRef ref : refs) {
          assertThat(outcomes.warmed(ref)).as(ref.toString()).isPresent();
          for (ModuleStore store : List.of(primary, regions.get(0), regions.get(1))) {
            assertThat(store.size(ref, Artifact.INFO)).as(store.name() + " " + ref).isPresent();
          }
        }
      }
    } finally {
      TempDirs.deleteTree(work);
    }
  }

  private static void awaitSomeWarmed(OutcomeCollector outcomes, Set<ModuleRef> refs, int some)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (refs.stream().filter(r -> outcomes.warmed(r).isPresent()).count() >= some) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no version was warmed before the restart");
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
    S3Server server = TestS3.newServer("restart-" + name + "-" + RUN);
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), "restart-" + name, "us-east-1");
  }
}
