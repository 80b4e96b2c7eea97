package dev.modmirror.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.deploy.BucketAudit;
import dev.modmirror.deploy.Launcher;
import dev.modmirror.deploy.ReplicaAudit;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 9: {@code modmirror replicator} killed with SIGKILL while copies are in flight (zips of
 * several MiB being spooled and uploaded to two regions), then started again, leaves every region
 * identical to the primary: the same keys with the same bytes, no object without its {@code .info},
 * no {@code .info} without its objects, neither right after the kill nor at the end.
 */
class ReplicatorKillIT {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicatorKillIT.class);
  private static final int VERSIONS = 16;
  private static final List<String> REGIONS = List.of("eu", "us");

  @Test
  void aReplicatorKilledMidCopyAndRestartedLeavesEveryRegionIdenticalToThePrimary()
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "example.com/rkill" + run + "/";
    Path work = TempDirs.create("replicator-kill-");
    Path spool = work.resolve("spool");
    S3Config primaryConfig = bucket("rk-primary-" + run);
    Map<String, S3Config> regionConfigs = new LinkedHashMap<>();
    REGIONS.forEach(r -> regionConfigs.put(r, bucket("rk-" + r + "-" + run)));
    ModuleStore primary = MinioModuleStore.create("primary", primaryConfig);
    Map<String, ModuleStore> regions = new LinkedHashMap<>();
    regionConfigs.forEach((r, c) -> regions.put(r, MinioModuleStore.create(r, c)));
    List<BuiltModule> modules = modules(prefix);
    List<VersionWarmed> warmed = new ArrayList<>();
    modules.forEach(m -> warmed.add(ReplicaAudit.warm(primary, m, Instant.now())));
    String groupPrefix = "rk-" + run;
    // The warmed topic is shared with earlier tests of this JVM: start past their events.
    REGIONS.forEach(
        r -> TestKafka.startGroupAtEnd(groupPrefix + "-" + r, List.of(Topics.WARMED.name())));
    Map<String, RegionReplicated> outcomes = new ConcurrentHashMap<>();
    try (KafkaEventBus bus =
        KafkaEventBus.create(
            KafkaBusConfig.of(TestKafka.bootstrapServers(), "replicator-kill-it"),
            OpenTelemetry.noop())) {
      bus.subscribe(
          Topics.REPLICATED,
          "rk-outcomes-" + run,
          e -> {
            if (e.ref().path().value().startsWith(prefix)) {
              outcomes.put(e.ref() + " " + e.region(), e);
            }
          });
      Map<String, String> env = env(primaryConfig, regionConfigs, groupPrefix, spool);
      warmed.forEach(w -> bus.publish(Topics.WARMED, w));

      try (ChildJvm first =
          ChildJvm.start("replicator-1", work, env, Launcher.class.getName(), "replicator")) {
        // Killed once some copies are done while another is in flight: a zip is being spooled
        // from the primary or uploaded to a region.
        await(
            () -> outcomes.size() >= 4 && !spooled(spool).isEmpty(),
            "4 copies done and one in flight",
            first);
        first.kill();
      }
      assertThat(outcomes).as("copies done at the kill").hasSizeLessThan(VERSIONS * 2);
      int done = outcomes.size();
      regions.forEach(
          (name, region) ->
              LOG.info(
                  "at the kill: {} of {} copies done; {} holds these versions torn: {}",
                  done,
                  VERSIONS * 2,
                  name,
                  ReplicaAudit.torn(region, prefix)));
      for (ModuleStore region : regions.values()) {
        // A version may be partly copied (objects without .info): never .info without objects.
        assertThat(BucketAudit.problems(region, modules))
            .as(region.name() + " right after kill -9")
            .isEmpty();
      }

      try (ChildJvm second =
          ChildJvm.start("replicator-2", work, env, Launcher.class.getName(), "replicator")) {
        await(() -> outcomes.size() == VERSIONS * 2, "every version in both regions", second);
        assertThat(outcomes.values())
            .as("outcomes after the restart")
            .allSatisfy(r -> assertThat(r.ok()).as(r.ref() + " in " + r.region()).isTrue());
        assertThat(scratchDirs(spool))
            .as("only the running replicator's spool directory: the killed one's was removed")
            .hasSize(1);
        second.terminate();
        assertThat(second.awaitExit(Duration.ofMinutes(1)))
            .as("exit code of SIGTERM")
            .isEqualTo(143);
      }
    } finally {
      TempDirs.deleteTree(work);
    }
    Map<String, String> expected = ReplicaAudit.contents(primary, prefix);
    assertThat(expected).hasSize(VERSIONS * 4); // .info, .mod, .zip and @v/list each
    for (ModuleStore region : regions.values()) {
      assertThat(ReplicaAudit.contents(region, prefix)).as(region.name()).isEqualTo(expected);
      assertThat(ReplicaAudit.torn(region, prefix)).as(region.name()).isEmpty();
      assertThat(BucketAudit.problems(region, modules)).as(region.name()).isEmpty();
    }
    for (VersionWarmed w : warmed) {
      for (String r : REGIONS) {
        assertThat(primary.readRecord(ObjectKeys.unreplicated(r, w.ref())))
            .as("pending record of " + w.ref() + " in " + r)
            .isEmpty();
      }
    }
  }

  private static List<BuiltModule> modules(String prefix) {
    List<BuiltModule> modules = new ArrayList<>();
    Random random = new Random(9);
    for (int i = 0; i < VERSIONS; i++) {
      // Every fourth 8 MiB (uploaded in parts), the others 1 MiB: copies take long enough to be
      // caught in flight.
      byte[] payload = new byte[i % 4 == 0 ? 8 << 20 : 1 << 20];
      random.nextBytes(payload);
      modules.add(
          ModuleBuilder.module(prefix + "m" + i)
              .version("v1.0.0")
              .file("m.go", "package m\n")
              .file("payload.bin", payload)
              .build());
    }
    return modules;
  }

  private static Map<String, String> env(
      S3Config primary, Map<String, S3Config> regions, String groupPrefix, Path spool) {
    Map<String, String> env =
        new HashMap<>(Deployment.variables(TestKafka.bootstrapServers(), primary, regions));
    env.put("MODMIRROR_GOSUMDB", "off");
    env.put("MODMIRROR_REPLICATOR_GROUP_PREFIX", groupPrefix);
    env.put("MODMIRROR_REPLICATOR_SPOOL_DIR", spool.toString());
    env.put("MODMIRROR_REPLICATOR_IN_FLIGHT", "3");
    env.put("MODMIRROR_REPLICATOR_BACKOFF", "PT0.2S");
    return env;
  }

  private static S3Config bucket(String name) {
    S3Server s3 = TestS3.newServer(name);
    return new S3Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), name, "us-east-1");
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(Condition condition, String what, ChildJvm replicator)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!condition.holds()) {
      if (!replicator.alive()) {
        throw new AssertionError("the replicator exited; stderr:\n" + replicator.stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached: " + what + "; stderr:\n" + replicator.stderr());
      }
      Thread.sleep(20);
    }
  }

  /** The zips being copied now: spooled under a replicator's scratch directory. */
  private static List<Path> spooled(Path spool) throws Exception {
    if (!Files.isDirectory(spool)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(spool)) {
      return files.filter(f -> f.getFileName().toString().startsWith("replicate-")).toList();
    } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
      return List.of(); // a spool file removed while walking: a copy just ended
    }
  }

  private static List<Path> scratchDirs(Path spool) throws Exception {
    try (Stream<Path> dirs = Files.list(spool)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("modmirror-replicator"))
          .toList();
    }
  }
}
