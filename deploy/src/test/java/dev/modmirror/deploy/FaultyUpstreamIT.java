package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.dev.OutcomeCollector;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
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
import dev.modmirror.warmer.WarmerService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's check: versions of which 20 % meet a faulty upstream (5xx and truncated bodies that
 * pass on a later attempt, corrupted zips that never do). Every good version ends warmed with the
 * upstream's bytes, every corrupted one failed and absent, nothing partial in the bucket, and no
 * partition stalled by retries.
 *
 * <p>"Not stalled" is shown by causality, not timing: one 5xx version per lane is held on its third
 * attempt (after two 503s, so it is on a retry topic) until the test has seen every other version
 * end and every lane partition's committed position reach its end. A warmer that retried in its
 * partition could not commit past the held record, and the test would fail (at its hang guard).
 *
 * <p>200 versions in CI; the full run of issue 8 is {@code -Dmodmirror.faults.versions=2000} (see
 * docs/testing.md). Prints one {@code RESULT faults …} summary line on stdout.
 */
class FaultyUpstreamIT {
  private static final int VERSIONS = Integer.getInteger("modmirror.faults.versions", 200);
  // One source per lane: MANUAL is urgent, POPULAR nightly, INDEX backfill.
  private static final RequestSource[] LANE_SOURCES = {
    RequestSource.MANUAL, RequestSource.POPULAR, RequestSource.INDEX
  };

  // Long enough never to end a held attempt on a loaded machine: the hold is released by the test.
  private static final Duration HANG_GUARD = Duration.ofMinutes(15);

  @Test
  void everyGoodVersionWarmsEveryCorruptedOneFailsAndNoPartitionStalls() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path work = TempDirs.create("faults-");
    List<BuiltModule> modules = new ArrayList<>();
    Set<ModuleRef> corrupted = new LinkedHashSet<>();
    Set<ModuleRef> held = new LinkedHashSet<>();
    CountDownLatch release = new CountDownLatch(1);
    long started = System.nanoTime();
    S3Server s3 = TestS3.newServer("faults-" + run);
    S3Config bucket =
        new S3Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), "faults-" + run, "us-east-1");
    String group = "faults-" + run;
    try (FakeGoProxy upstream = FakeGoProxy.start()) {
      Random random = new Random(7);
      for (int i = 0; i < VERSIONS; i++) {
        BuiltModule module = module(run, i, random);
        modules.add(module);
        upstream.add(module);
        ModuleRef ref = module.ref();
        // 20 % faulty: a third each 5xx (twice), truncated (once), corrupted (always).
        switch (i % 15) {
          case 0 -> {
            upstream.inject(Match.artifact(ref, Artifact.ZIP), Fault.status(503), 2);
            // The first block of each lane: its third attempt (from a retry topic) waits.
            if (i < 15 * LANE_SOURCES.length) {
              upstream.inject(Match.artifact(ref, Artifact.ZIP), Fault.hold(release, HANG_GUARD));
              held.add(ref);
            }
          }
          case 5 -> upstream.inject(Match.artifact(ref, Artifact.ZIP), Fault.truncate(), 1);
          case 10 -> {
            upstream.inject(Match.artifact(ref, Artifact.ZIP), Fault.corrupt());
            corrupted.add(ref);
          }
          default -> {}
        }
      }
      WarmerConfig warmer =
          new WarmerConfig(
              work,
              4,
              Duration.ofMillis(200),
              WarmerConfig.MAX_ZIP_BYTES,
              group,
              1,
              32,
              HANG_GUARD,
              Duration.ofSeconds(1),
              Duration.ofSeconds(10));
      Deployment deployment =
          new Deployment(
              KafkaBusConfig.of(TestKafka.bootstrapServers(), "faults"),
              bucket,
              Map.of(),
              GoEnv.from(Map.of("GOPROXY", upstream.baseUrl().toString(), "GOSUMDB", "off")),
              // A held answer must not time out: the test, not the clock, ends the hold.
              UpstreamConfig.defaults()
                  .withTimeouts(Duration.ofSeconds(10), HANG_GUARD)
                  .withDownloadDeadline(HANG_GUARD),
              TelemetryConfig.service("faults"),
              warmer,
              ReplicatorConfig.defaults(work));
      try (Adapters adapters = Adapters.open(deployment, Adapters.NO_REGION);
          OutcomeCollector outcomes = OutcomeCollector.start(adapters.bus())) {
        Set<ModuleRef> refs = new LinkedHashSet<>();
        ModuleStore primary = adapters.primary();
        int stalled;
        long retried;
        try (WarmerService service = Services.over(adapters).startWarmer(warmer)) {
          int i = 0;
          for (BuiltModule m : modules) {
            refs.add(m.ref());
            // As the dedupe stage forwards them, spread over the three lanes in blocks of 15, so
            // that each lane meets every kind of fault and its consumer and retry topics are
            // exercised.
            WarmRequested request =
                WarmRequested.first(
                    VersionRequested.of(
                        m.ref(), LANE_SOURCES[(i++ / 15) % 3], "faults", Instant.now()));
            adapters.bus().publishAsync(Topics.warm(request.priority()), request);
          }

          Set<ModuleRef> others = new LinkedHashSet<>(refs);
          others.removeAll(held);
          assertThat(outcomes.await(others, Set.of(), HANG_GUARD))
              .as("every version ended while %d wait on a retry topic", held.size())
              .isTrue();
          stalled = partitionsBehind(group);
          assertThat(stalled)
              .as(
                  "lane partitions whose committed position is short of their end while retried"
                      + " versions wait")
              .isZero();
          assertThat(held).allSatisfy(ref -> assertThat(outcomes.warmed(ref)).isEmpty());
          release.countDown();
          assertThat(outcomes.await(held, Set.of(), HANG_GUARD)).as("held versions ended").isTrue();
          retried = retried(warmer);
        }
        for (ModuleRef ref : refs) {
          if (corrupted.contains(ref)) {
            VersionFailed failed = outcomes.failed(ref).orElseThrow(() -> new AssertionError(ref));
            assertThat(failed.status()).as(ref.toString()).isEqualTo(FailureStatus.FAILED);
            assertThat(failed.errorKind()).as(ref.toString()).isEqualTo("invalid-input");
            for (Artifact artifact : Artifact.values()) {
              assertThat(primary.size(ref, artifact)).as(ref + " " + artifact).isEmpty();
            }
          } else {
            assertThat(outcomes.warmed(ref)).as(ref + " warmed").isPresent();
          }
        }
        List<String> problems = BucketAudit.problems(primary, modules);
        assertThat(problems).isEmpty();
        Set<ModuleRef> complete = BucketAudit.complete(primary, modules);
        assertThat(complete).hasSize(VERSIONS - corrupted.size());
        // The warmer has stopped (its claims released): nothing else is left anywhere.
        List<String> stray = strayKeys(primary, complete);
        assertThat(stray).as("keys of no complete version").isEmpty();
        assertThat(partitionsBehind(group)).as("partitions short of their end").isZero();
        assertThat(retried).as("records that waited on retry topics").isGreaterThan(0);
        long failed = corrupted.stream().filter(r -> outcomes.failed(r).isPresent()).count();
        long warmed = refs.stream().filter(r -> outcomes.warmed(r).isPresent()).count();
        System.out.printf(
            java.util.Locale.ROOT,
            "RESULT faults versions=%d good=%d warmed=%d corrupted=%d failed=%d partial=%d"
                + " stray_keys=%d stalled_partitions=%d retried_records=%d held=%d seconds=%.1f%n",
            VERSIONS,
            VERSIONS - corrupted.size(),
            warmed,
            corrupted.size(),
            failed,
            problems.size(),
            stray.size(),
            stalled,
            retried,
            held.size(),
            (System.nanoTime() - started) / 1e9);
      }
    } finally {
      TempDirs.deleteTree(work);
    }
  }

  /**
   * Every key in the bucket that is neither a file of a complete version nor a {@code @v/list} of a
   * module with one: a partial version, a claim left behind, a stray upload.
   */
  private static List<String> strayKeys(ModuleStore store, Set<ModuleRef> complete) {
    Set<String> expected = new java.util.HashSet<>();
    for (ModuleRef ref : complete) {
      for (Artifact artifact : Artifact.values()) {
        expected.add(ObjectKeys.artifact(ref, artifact));
      }
      expected.add(ObjectKeys.list(ref.path()));
    }
    List<String> stray = new ArrayList<>();
    store
        .listKeys("")
        .forEachRemaining(
            k -> {
              if (!expected.contains(k.key())) {
                stray.add(k.key());
              }
            });
    return stray;
  }

  private static BuiltModule module(String run, int i, Random random) {
    byte[] payload = new byte[10_240 + random.nextInt(40_960)];
    random.nextBytes(payload);
    return ModuleBuilder.module("example.com/faults" + run + "/m" + i)
        .version("v1.0.0")
        .file("m.go", "package m\n")
        .file("payload.bin", payload)
        .build();
  }

  /**
   * The warm lanes' partitions whose committed position for the group is short of their end, once
   * it is zero or after 10 s (the last commits are asynchronous).
   */
  private static int partitionsBehind(String group) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
      int behind = behind(admin, group);
      for (int i = 0; i < 100 && behind > 0; i++) {
        Thread.sleep(100);
        behind = behind(admin, group);
      }
      return behind;
    }
  }

  private static int behind(Admin admin, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    for (var lane : Topics.warmLanes()) {
      admin
          .describeTopics(List.of(lane.name()))
          .allTopicNames()
          .get()
          .get(lane.name())
          .partitions()
          .forEach(
              p -> latest.put(new TopicPartition(lane.name(), p.partition()), OffsetSpec.latest()));
    }
    int behind = 0;
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata at = committed.get(end.getKey());
      if ((at == null ? 0 : at.offset()) < end.getValue().offset()) {
        behind++;
      }
    }
    return behind;
  }

  /** Records written to the retry topics of the group's lanes. */
  private static long retried(WarmerConfig warmer) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (WarmPriority lane : WarmPriority.values()) {
        for (int tier = 1; tier <= 3; tier++) {
          String topic = Topics.retry(warmer.consumption(lane).retryScope(), tier);
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .forEach(
                  p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
      }
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    }
  }
}
