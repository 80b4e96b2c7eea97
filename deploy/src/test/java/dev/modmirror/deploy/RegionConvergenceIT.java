package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.RegionReconciled;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionPurged;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.service.CommandsForTests;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.deploy.wiring.Parts;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReconcileReport;
import dev.modmirror.replicator.ReconcileReport.Count;
import dev.modmirror.replicator.ReconcileSettings;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.replicator.UnreplicatedVersions;
import dev.modmirror.replicator.VersionStatus;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.kafka.CollectedEvents;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.warmer.WarmModuleVersion;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regions converge and stay converged (issue 9), on a real broker and real S3 stores (a primary and
 * two regions), through the one assembly: a region down past its replicator's retries ends
 * identical to the primary after one reconcile run; objects deleted or altered in a region out of
 * band are repaired by one run of {@code modmirror reconcile}; a purged version is not brought
 * back, neither by reconcile nor by a later request.
 */
class RegionConvergenceIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static CollectedEvents events;
  private static Path work;
  private static FakeGoProxy upstream;
  private static Adapters adapters;
  private static Deployment deployment;
  private static ModuleStore primary;
  private static ModuleStore us;
  private static SwitchableRegion eu;
  private static Parts parts;
  private static Mirror mirror;

  @BeforeAll
  static void start() throws Exception {
    SharedDedupe.ensureRunning();
    work = TempDirs.create("converge-");
    upstream = FakeGoProxy.start();
    Map<String, S3Config> regionConfigs = new LinkedHashMap<>();
    regionConfigs.put("eu", s3("eu"));
    regionConfigs.put("us", s3("us"));
    WarmerConfig warmer =
        new WarmerConfig(work, 3, Duration.ofMillis(20), 1 << 20, "cv-w-" + RUN, 2);
    ReplicatorConfig replicator =
        new ReplicatorConfig(work, 2, Duration.ofMillis(20), "cv-r-" + RUN, 1);
    deployment =
        new Deployment(
            KafkaBusConfig.of(TestKafka.bootstrapServers(), "converge"),
            s3("primary"),
            regionConfigs,
            GoEnv.from(Map.of("GOPROXY", upstream.baseUrl().toString(), "GOSUMDB", "off")),
            UpstreamConfig.defaults(),
            TelemetryConfig.service("converge"),
            warmer,
            replicator);
    adapters = Adapters.open(deployment, Adapters.EVERY_REGION, OpenTelemetry.noop());
    primary = adapters.primary();
    eu = new SwitchableRegion(adapters.regions().get(0));
    us = adapters.regions().get(1);
    events =
        CollectedEvents.subscribe(
            adapters.bus(),
            "cv-events-" + RUN,
            List.of(
                Topics.WARMED, Topics.FAILED, Topics.REPLICATED, Topics.RECONCILED, Topics.PURGED));
    parts =
        Parts.of(
            adapters.bus(),
            primary,
            List.of(eu, us),
            adapters.upstream(),
            adapters.checksums(),
            OpenTelemetry.noop(),
            Clock.systemUTC());
    // The warm lanes are shared with every earlier test of this JVM: earlier tests leave
    // thousands of requests there (an index replay among them) that a new group would handle
    // first, and a request of this test could wait behind them past any await.
    TestKafka.startGroupAtEnd("cv-w-" + RUN, Topics.warmLanes().stream().map(Topic::name).toList());
    mirror = Services.over(parts).startMirror(warmer, replicator);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {mirror, adapters, upstream}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // Closing what the test started; the servers die with the JVM anyway.
      }
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @Test
  void aRegionStoppedPastItsRetriesEndsIdenticalAfterOneReconcileRun() throws Exception {
    List<ModuleRef> refs = new ArrayList<>();
    eu.down = true;
    try {
      for (int i = 0; i < 3; i++) {
        BuiltModule m = module("example.com/cv" + RUN + "/down" + i, "a");
        upstream.add(m);
        refs.add(m.ref());
        request(m.ref());
      }
      for (ModuleRef ref : refs) {
        assertThat(awaitReplicated(ref, "eu").ok()).isFalse();
        assertThat(awaitReplicated(ref, "us").ok()).isTrue();
      }
    } finally {
      eu.down = false;
    }
    UnreplicatedVersions.Pending pending = new UnreplicatedVersions(primary).pending("eu");
    assertThat(pending.count()).isGreaterThanOrEqualTo(3);
    VersionStatus status = Services.over(parts).status(deployment.replicator());
    assertThat(status.regions())
        .filteredOn(r -> r.region().equals("eu"))
        .singleElement()
        .satisfies(r -> assertThat(r.pending()).isGreaterThanOrEqualTo(3));
    assertThat(status.of(refs.get(0)).stores())
        .extracting(VersionStatus.StoreView::store, VersionStatus.StoreView::presence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("primary", VersionStatus.Presence.PRESENT),
            org.assertj.core.groups.Tuple.tuple("eu", VersionStatus.Presence.MISSING),
            org.assertj.core.groups.Tuple.tuple("us", VersionStatus.Presence.PRESENT));

    // A group that has handled nothing yet (a region just added) has every warmed event queued.
    var queued =
        new dev.modmirror.adapters.kafka.KafkaConsumerBacklog(deployment.kafka())
            .of(Topics.WARMED, deployment.replicator().group("added-" + RUN));
    assertThat(queued.records()).isGreaterThanOrEqualTo(3);
    assertThat(queued.oldest()).isNotEmpty();
    // A running group's offsets are read without joining it or disturbing its members.
    var euQueued =
        new dev.modmirror.adapters.kafka.KafkaConsumerBacklog(deployment.kafka())
            .of(Topics.WARMED, deployment.replicator().group("eu"));
    assertThat(euQueued.records()).isLessThan(queued.records());

    ReconcileReport report =
        Services.over(parts)
            .reconciler(deployment.replicator())
            .run(new ReconcileSettings("example.com/cv" + RUN + "/down", false, 2));

    ReconcileReport.Region euPart = report.regions().get(0);
    assertThat(euPart.count(Count.COPIED)).isEqualTo(3);
    assertThat(euPart.count(Count.PENDING_CLEARED)).isEqualTo(3);
    assertThat(report.clean()).isTrue();
    assertThat(tree(eu, "example.com/cv" + RUN + "/down"))
        .isEqualTo(tree(primary, "example.com/cv" + RUN + "/down"));
    for (ModuleRef ref : refs) {
      // Only this test's versions: the region's new group also replays other tests' warmed
      // events from the shared topic, whose versions this primary lacks (pending, rightly).
      assertThat(primary.readRecord(ObjectKeys.unreplicated("eu", ref))).isEmpty();
      // The repair event arrives through Kafka: awaited, not read at once.
      awaitEvent(RegionReconciled.class, ref, r -> true);
    }
  }

  @Test
  void objectsDeletedOrAlteredInARegionOutOfBandAreRepairedByOneReconcileRun() throws Exception {
    String prefix = "example.com/cv" + RUN + "/oob";
    List<BuiltModule> modules = new ArrayList<>();
    for (String name : List.of("deleted", "altered", "partial", "intact")) {
      BuiltModule m = module(prefix + name, "a");
      upstream.add(m);
      modules.add(m);
      request(m.ref());
    }
    for (BuiltModule m : modules) {
      assertThat(awaitReplicated(m.ref(), "us").ok()).isTrue();
      assertThat(awaitReplicated(m.ref(), "eu").ok()).isTrue();
    }
    // Out of band: another tool deletes a version, rewrites a zip, loses a .mod.
    us.delete(modules.get(0).ref(), Artifact.INFO);
    us.delete(modules.get(0).ref(), Artifact.ZIP);
    us.delete(modules.get(0).ref(), Artifact.MOD);
    byte[] other = module(prefix + "altered", "tampered").zip();
    us.put(modules.get(1).ref(), Artifact.ZIP, new ByteArrayInputStream(other), other.length);
    us.delete(modules.get(2).ref(), Artifact.MOD);
    assertThat(tree(us, prefix)).isNotEqualTo(tree(primary, prefix));

    var out = new java.io.ByteArrayOutputStream();
    Map<String, String> env = new LinkedHashMap<>(deploymentVariables());
    int exit =
        CommandsForTests.reconcile(
            env,
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            "--region",
            "us",
            "--prefix",
            prefix);

    String table = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(exit).as(table).isZero();
    assertThat(tree(us, prefix)).isEqualTo(tree(primary, prefix));
    assertThat(table)
        .contains(ObjectKeys.artifact(modules.get(1).ref(), Artifact.ZIP) + " differs")
        .contains(ObjectKeys.artifact(modules.get(2).ref(), Artifact.MOD) + " missing")
        .contains(modules.get(0).ref() + " ")
        .doesNotContain(modules.get(3).ref() + " ");
    assertThat(
            awaitEvent(RegionReconciled.class, modules.get(1).ref(), e -> e.region().equals("us"))
                .action())
        .isEqualTo(RegionReconciled.Action.REPAIRED);
  }

  @Test
  void aPurgedVersionIsNotBroughtBackByReconcileNorByALaterRequest() throws Exception {
    BuiltModule m = module("example.com/cv" + RUN + "/purged", "a");
    upstream.add(m);
    request(m.ref());
    assertThat(awaitReplicated(m.ref(), "eu").ok()).isTrue();
    assertThat(awaitReplicated(m.ref(), "us").ok()).isTrue();

    var out = new java.io.ByteArrayOutputStream();
    var print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(
            CommandsForTests.purge(
                deploymentVariables(), print, m.ref().toString(), "--reason", "legal removal"))
        .as(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("purged " + m.ref() + " from primary")
        .contains("purged " + m.ref() + " from eu")
        .contains("purged " + m.ref() + " from us");
    awaitEvent(VersionPurged.class, m.ref(), e -> !e.restored());
    ReconcileReport report =
        Services.over(parts)
            .reconciler(deployment.replicator())
            .run(new ReconcileSettings(ObjectKeys.versionDirectory(m.ref().path()), false, 1));
    request(m.ref());

    VersionFailed failed = awaitEvent(VersionFailed.class, m.ref(), f -> true);
    assertThat(failed.errorKind()).isEqualTo(WarmModuleVersion.PURGED);
    assertThat(report.clean()).isTrue();
    for (ModuleStore store : List.of(primary, eu, us)) {
      assertThat(store.marker(m.ref()))
          .as(store.name())
          .isInstanceOf(CompletionMarker.Missing.class);
      assertThat(store.stat(m.ref(), Artifact.ZIP)).as(store.name()).isEmpty();
    }
    assertThat(events(VersionWarmed.class, m.ref())).hasSize(1);
    out.reset();
    assertThat(CommandsForTests.status(deploymentVariables(), print, m.ref().toString())).isZero();
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("PURGED")
        .containsPattern("(?m)^primary +missing")
        .containsPattern("(?m)^eu +missing")
        .containsPattern("(?m)^us +missing");
  }

  /** The deployment's variables, as the sandbox writes them for the commands. */
  private static Map<String, String> deploymentVariables() {
    return Deployment.variables(
        TestKafka.bootstrapServers(), deployment.primary(), deployment.regions());
  }

  /** Every key of the tree under {@code prefix} with its size and entity tag. */
  private static Map<String, String> tree(ModuleStore store, String prefix) {
    Map<String, String> keys = new TreeMap<>();
    for (Iterator<ListedKey> it = store.listKeys(prefix); it.hasNext(); ) {
      ListedKey k = it.next();
      keys.put(k.key(), k.size() + " " + k.etag());
    }
    return keys;
  }

  /** A region that can be stopped: every operation fails as an unreachable endpoint does. */
  private static final class SwitchableRegion extends ForwardingModuleStore {
    volatile boolean down;

    SwitchableRegion(ModuleStore delegate) {
      super(delegate);
    }

    private void check() {
      if (down) {
        throw new TransientException("region eu: connection refused (stopped by the test)");
      }
    }

    @Override
    public CompletionMarker marker(ModuleRef ref) {
      check();
      return super.marker(ref);
    }

    @Override
    public void put(ModuleRef ref, Artifact artifact, java.io.InputStream in, long length) {
      check();
      super.put(ref, artifact, in, length);
    }

    @Override
    public Iterator<ListedKey> listKeys(String prefix) {
      check();
      return super.listKeys(prefix);
    }
  }

  private static void request(ModuleRef ref) {
    adapters
        .bus()
        .publish(
            Topics.REQUESTS,
            VersionRequested.of(
                ref, RequestSource.MANUAL, "RegionConvergenceIT", Clock.systemUTC().instant()));
  }

  private static RegionReplicated awaitReplicated(ModuleRef ref, String region)
      throws InterruptedException {
    return awaitEvent(RegionReplicated.class, ref, r -> r.region().equals(region));
  }

  private static <E extends Event> E awaitEvent(Class<E> type, ModuleRef ref, Predicate<E> match)
      throws InterruptedException {
    return events.await(type, ref, match);
  }

  private static <E extends Event> List<E> events(Class<E> type, ModuleRef ref) {
    return events.of(type, ref);
  }

  private static BuiltModule module(String path, String content) {
    return ModuleBuilder.module(path)
        .version("v1.0.0")
        .file("a.go", "package a // " + content + "\n")
        .build();
  }

  private static S3Config s3(String name) {
    S3Server server = TestS3.newServer("cv-" + name + "-" + RUN);
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), "cv-" + name, "us-east-1");
  }
}
