package dev.modmirror.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.deploy.BucketAudit;
import dev.modmirror.deploy.Launcher;
import dev.modmirror.deploy.dev.OutcomeCollector;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a warmer killed with SIGKILL in the middle of its uploads, then started again, ends in
 * the same state as one never killed: every version warmed with the upstream's bytes, no object
 * torn, no list naming an incomplete version, and the killed process's spool files removed. The
 * restarted one then stops cleanly on SIGTERM.
 */
class WarmerKillIT {
  private static final int VERSIONS = 24;

  @Test
  void aWarmerKilledMidUploadAndRestartedEndsInTheSameState() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path work = TempDirs.create("warmer-kill-");
    Path spool = work.resolve("spool");
    S3Server s3 = TestS3.newServer("kill-" + run);
    S3Config bucket =
        new S3Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), "kill-" + run, "us-east-1");
    List<BuiltModule> modules = modules(run);
    try (FakeGoProxy upstream = FakeGoProxy.start();
        KafkaEventBus bus =
            KafkaEventBus.create(
                KafkaBusConfig.of(TestKafka.bootstrapServers(), "kill-it"), OpenTelemetry.noop());
        OutcomeCollector outcomes = OutcomeCollector.start(bus)) {
      modules.forEach(upstream::add);
      // Slow answers keep versions in flight (and uploads under way) when the kill comes.
      upstream.inject(Match.any(), Fault.latency(Duration.ofMillis(100)));
      Map<String, String> env = env(run, upstream, bucket, spool);
      ModuleStore primary = MinioModuleStore.create("primary", bucket);
      Set<ModuleRef> refs = new LinkedHashSet<>();
      modules.forEach(m -> refs.add(m.ref()));

      try (ChildJvm first =
          ChildJvm.start("warmer-1", work, env, Launcher.class.getName(), "warmer")) {
        // Straight onto the urgent lane, as the dedupe stage forwards a manual request.
        modules.forEach(m -> bus.publish(Topics.WARM_URGENT, request(m.ref())));
        awaitWarmed(outcomes, refs, 6, first);
        first.kill();
      }
      int warmedBeforeRestart = BucketAudit.complete(primary, modules).size();
      assertThat(warmedBeforeRestart).as("versions complete at the kill").isLessThan(VERSIONS);
      assertThat(BucketAudit.problems(primary, modules)).as("bucket right after kill -9").isEmpty();
      assertThat(scratchDirs(spool)).as("the killed warmer's spool directory").hasSize(1);

      try (ChildJvm second =
          ChildJvm.start("warmer-2", work, env, Launcher.class.getName(), "warmer")) {
        awaitWarmed(outcomes, refs, VERSIONS, second);
        assertThat(scratchDirs(spool))
            .as("only the running warmer's spool directory: the killed one's was removed")
            .hasSize(1);
        // SIGTERM: a clean stop within the grace, its spool directory removed on the way out.
        second.terminate();
        assertThat(second.awaitExit(Duration.ofMinutes(1)))
            .as("exit code of SIGTERM")
            .isEqualTo(143);
        assertThat(scratchDirs(spool)).as("spool after a clean stop").isEmpty();
      }
      assertThat(BucketAudit.complete(primary, modules)).containsExactlyInAnyOrderElementsOf(refs);
      assertThat(BucketAudit.problems(primary, modules)).as("bucket after the restart").isEmpty();
      for (BuiltModule m : modules) {
        assertThat(primary.readList(m.ref().path())).contains(m.ref().version().value() + "\n");
      }
    } finally {
      TempDirs.deleteTree(work);
    }
  }

  private static List<BuiltModule> modules(String run) {
    List<BuiltModule> modules = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < VERSIONS; i++) {
      // Most a few hundred KiB; every eighth 6 MiB, uploaded in parts.
      byte[] payload = new byte[i % 8 == 0 ? 6 << 20 : 300 << 10];
      random.nextBytes(payload);
      modules.add(
          ModuleBuilder.module("example.com/kill" + run + "/m" + i)
              .version("v1.0.0")
              .file("m.go", "package m\n")
              .file("payload.bin", payload)
              .build());
    }
    return modules;
  }

  private static Map<String, String> env(
      String run, FakeGoProxy upstream, S3Config bucket, Path spool) {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers());
    env.put("MODMIRROR_S3_ENDPOINT", bucket.endpoint().toString());
    env.put("MODMIRROR_S3_ACCESS_KEY", bucket.accessKey());
    env.put("MODMIRROR_S3_SECRET_KEY", bucket.secretKey());
    env.put("MODMIRROR_S3_BUCKET", bucket.bucket());
    env.put("MODMIRROR_UPSTREAM", upstream.baseUrl().toString());
    env.put("MODMIRROR_GOSUMDB", "off");
    env.put("MODMIRROR_WARMER_GROUP", "kill-" + run);
    env.put("MODMIRROR_WARMER_IN_FLIGHT", "8");
    env.put("MODMIRROR_WARMER_SPOOL_DIR", spool.toString());
    env.put("MODMIRROR_WARMER_BACKOFF", "PT0.2S");
    return env;
  }

  private static void awaitWarmed(
      OutcomeCollector outcomes, Set<ModuleRef> refs, int count, ChildJvm warmer)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (refs.stream().filter(r -> outcomes.warmed(r).isPresent()).count() < count) {
      if (!warmer.alive()) {
        throw new AssertionError("the warmer exited; stderr:\n" + warmer.stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fewer than " + count + " warmed; stderr:\n" + warmer.stderr());
      }
      Thread.sleep(50);
    }
  }

  private static List<Path> scratchDirs(Path spool) throws Exception {
    try (Stream<Path> dirs = Files.list(spool)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("modmirror-warmer-")).toList();
    }
  }

  private static WarmRequested request(ModuleRef ref) {
    return WarmRequested.first(
        VersionRequested.of(ref, RequestSource.MANUAL, "kill-it", Instant.now()));
  }
}
