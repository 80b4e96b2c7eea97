package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicateVersionTest {
  @TempDir Path spool;
  private final InMemoryModuleStore primary = InMemoryModuleStore.create("primary");
  private final InMemoryModuleStore region = InMemoryModuleStore.create("eu");
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final BlockingQueue<RegionReplicated> outcomes = new LinkedBlockingQueue<>();
  private final BlockingQueue<VersionConflict> conflicts = new LinkedBlockingQueue<>();
  private ReplicatorConfig config;

  @BeforeEach
  void setUp() {
    bus.subscribe(Topics.REPLICATED, "test", outcomes::add);
    bus.subscribe(Topics.CONFLICTS, "test", conflicts::add);
    config = new ReplicatorConfig(spool, 3, Duration.ofMillis(1), "r", 1);
  }

  @AfterEach
  void tearDown() {
    bus.close();
  }

  @Test
  void copiesEveryArtifactAndReportsOk() throws Exception {
    VersionWarmed warmed = warm(module("example.com/Copy"));

    replicator(region).handle(warmed);

    RegionReplicated outcome = next();
    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.region()).isEqualTo("eu");
    assertThat(region.keys()).isEqualTo(primary.keys());
    assertThat(region.readList(warmed.ref().path())).contains("v1.0.0\n");
  }

  @Test
  void refusesToCopyAZipWhoseHashDiffersFromTheWarmedOne() throws Exception {
    BuiltModule module = module("example.com/tampered");
    VersionWarmed warmed = warm(module);
    BuiltModule other = ModuleBuilder.module("example.com/tampered").version("v1.0.0").build();
    primary.put(
        module.ref(), Artifact.ZIP, new ByteArrayInputStream(other.zip()), other.zip().length);

    replicator(region).handle(warmed);

    RegionReplicated outcome = next();
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.reason()).contains("differs from warmed");
    assertThat(region.keys()).isEmpty();
  }

  @Test
  void regionsSharingTheirReadsRefuseAZipWhoseHashDiffersFromTheWarmedOne() throws Exception {
    BuiltModule module = module("example.com/tampered-shared");
    VersionWarmed warmed = warm(module);
    BuiltModule other =
        ModuleBuilder.module("example.com/tampered-shared").version("v1.0.0").build();
    primary.put(
        module.ref(), Artifact.ZIP, new ByteArrayInputStream(other.zip()), other.zip().length);
    InMemoryModuleStore us = InMemoryModuleStore.create("us");

    try (ReplicateVersion.Copiers copiers = copiers(region, us)) {
      for (ReplicateVersion copier : copiers.regions()) {
        copier.handle(warmed);
        RegionReplicated outcome = next();
        assertThat(outcome.ok()).as(copier.region()).isFalse();
        assertThat(outcome.reason()).contains("differs from warmed");
      }
    }
    assertThat(region.keys()).isEmpty();
    assertThat(us.keys()).isEmpty();
  }

  @Test
  void regionsSharingTheirReadsHoldThePrimaryToTheWarmedHashesNotToItsOwnRecord() throws Exception {
    BuiltModule module = module("example.com/recorded");
    warm(module);
    // An event whose hashes are not the ones the primary recorded with its .info: the shared read
    // (verified against the record) is not used; the zip is held to the event's h1 and refused.
    BuiltModule other = ModuleBuilder.module("example.com/recorded").version("v1.0.0").build();
    Path otherZip = Files.write(spool.resolve("o.zip"), other.zip());
    VersionWarmed warmed =
        VersionWarmed.of(
            module.ref(),
            DirHash.hashZip(otherZip),
            DirHash.hashGoMod(module.mod()),
            other.zip().length,
            Clock.systemUTC().instant());
    InMemoryModuleStore us = InMemoryModuleStore.create("us");

    try (ReplicateVersion.Copiers copiers = copiers(region, us)) {
      for (ReplicateVersion copier : copiers.regions()) {
        copier.handle(warmed);
        RegionReplicated outcome = next();
        assertThat(outcome.ok()).as(copier.region()).isFalse();
        assertThat(outcome.reason()).contains("differs from warmed");
      }
    }
    assertThat(region.keys()).isEmpty();
    assertThat(us.keys()).isEmpty();
  }

  @Test
  void reportsFailureWhenPrimaryLacksTheVersion() throws Exception {
    BuiltModule module = module("example.com/gone");
    VersionWarmed warmed = warm(module);
    primary.delete(module.ref(), Artifact.ZIP);

    replicator(region).handle(warmed);

    assertThat(next().reason()).startsWith("not-found");
    assertThat(new UnreplicatedVersions(primary).pending("eu").count()).isEqualTo(1);
  }

  @Test
  void retriesARegionThatFailsTransiently() throws Exception {
    VersionWarmed warmed = warm(module("example.com/flaky-region"));
    ModuleStore flaky = new FailingStore(region, 2);

    replicator(flaky).handle(warmed);

    assertThat(next().ok()).isTrue();
  }

  @Test
  void noInfoIsWrittenWhenTheZipUploadBesideTheModFails() throws Exception {
    VersionWarmed warmed = warm(module("example.com/zip-fails"));

    replicator(new FailingStore(region, Integer.MAX_VALUE, Artifact.ZIP)).handle(warmed);

    assertThat(next().ok()).isFalse();
    // The .mod went up beside the failed zip; the version stays incomplete, invisible to readers.
    assertThat(region.marker(warmed.ref())).isInstanceOf(CompletionMarker.Missing.class);
    assertThat(region.keys()).noneMatch(k -> k.endsWith(".info") || k.endsWith(".zip"));
  }

  @Test
  void noInfoIsWrittenWhenTheModUploadBesideTheZipFails() throws Exception {
    VersionWarmed warmed = warm(module("example.com/mod-fails"));

    replicator(new FailingStore(region, Integer.MAX_VALUE, Artifact.MOD)).handle(warmed);

    assertThat(next().ok()).isFalse();
    assertThat(region.marker(warmed.ref())).isInstanceOf(CompletionMarker.Missing.class);
    assertThat(region.keys()).noneMatch(k -> k.endsWith(".info") || k.endsWith(".mod"));
  }

  @Test
  void aDeadRegionEndsFailedWithoutTouchingAnotherRegion() throws Exception {
    VersionWarmed warmed = warm(module("example.com/dead-region"));
    InMemoryModuleStore healthy = InMemoryModuleStore.create("us");

    replicator(new FailingStore(region, Integer.MAX_VALUE)).handle(warmed);
    replicator(healthy).handle(warmed);

    RegionReplicated first = next();
    RegionReplicated second = next();
    assertThat(first.ok()).isFalse();
    assertThat(first.reason()).startsWith("transient");
    assertThat(second.ok()).isTrue();
    assertThat(healthy.keys()).isEqualTo(tree(primary));
    // Not dropped: pending for the dead region, for reconcile; nothing pending for the healthy one.
    assertThat(new UnreplicatedVersions(primary).pending("eu").count()).isEqualTo(1);
    assertThat(new UnreplicatedVersions(primary).pending("eu").oldestWarmedAt())
        .contains(warmed.warmedAt());
    assertThat(new UnreplicatedVersions(primary).pending("us").count()).isZero();
  }

  @Test
  void aPurgedVersionIsNotCopied() throws Exception {
    BuiltModule module = module("example.com/purged");
    VersionWarmed warmed = warm(module);
    primary.putRecord(
        dev.modmirror.core.store.ObjectKeys.tombstone(module.ref()), "reason=x\n".getBytes());

    replicator(region).handle(warmed);

    assertThat(next().reason()).isEqualTo("purged");
    assertThat(region.keys()).isEmpty();
  }

  @Test
  void aRegionThatHoldsTheWarmedVersionGetsNothingWritten() throws Exception {
    VersionWarmed warmed = warm(module("example.com/replayed"));
    replicator(region).handle(warmed);
    assertThat(next().ok()).isTrue();

    // Any write now would fail: a replay of the warmed topic must not need one.
    replicator(new FailingStore(region, Integer.MAX_VALUE)).handle(warmed);

    assertThat(next().ok()).isTrue();
    assertThat(region.keys()).isEqualTo(primary.keys());
  }

  @Test
  void aRegionHoldingOtherBytesIsAConflictAndKeepsThem() throws Exception {
    BuiltModule module = module("example.com/diverged");
    VersionWarmed warmed = warm(module);
    BuiltModule other =
        ModuleBuilder.module("example.com/diverged")
            .version("v1.0.0")
            .file("a.go", "package a // not what the primary holds\n")
            .build();
    VersionHashes otherHashes = save(region, other);

    replicator(region).handle(warmed);

    RegionReplicated outcome = next();
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.reason()).startsWith("conflict: ").contains(otherHashes.h1());
    VersionConflict conflict = conflicts.poll(10, TimeUnit.SECONDS);
    assertThat(conflict).isNotNull();
    assertThat(conflict.store()).isEqualTo("eu");
    assertThat(conflict.storedH1()).isEqualTo(otherHashes.h1());
    assertThat(conflict.offeredH1()).isEqualTo(warmed.h1());
    assertThat(conflict.offeredBy()).isEqualTo("primary");
    try (var in = region.open(module.ref(), Artifact.ZIP).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(other.zip());
    }
  }

  @Test
  void aRegionMissingItsZipIsRepairedFromThePrimary() throws Exception {
    BuiltModule module = module("example.com/region-partial");
    VersionWarmed warmed = warm(module);
    replicator(region).handle(warmed);
    next();
    region.delete(module.ref(), Artifact.ZIP);

    replicator(region).handle(warmed);

    assertThat(next().ok()).isTrue();
    try (var in = region.open(module.ref(), Artifact.ZIP).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(module.zip());
    }
  }

  private static java.util.Set<String> tree(InMemoryModuleStore store) {
    return store.keys().stream()
        .filter(k -> !k.startsWith(dev.modmirror.core.store.ObjectKeys.OWN_PREFIX))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  private ReplicateVersion replicator(ModuleStore target) {
    return new ReplicateVersion(
        primary, target, bus, OpenTelemetry.noop(), config, Clock.systemUTC());
  }

  private ReplicateVersion.Copiers copiers(ModuleStore... targets) {
    return ReplicateVersion.forRegions(
        primary, List.of(targets), bus, OpenTelemetry.noop(), config, Clock.systemUTC());
  }

  private VersionWarmed warm(BuiltModule module) throws Exception {
    VersionHashes hashes = save(primary, module);
    return VersionWarmed.of(
        module.ref(),
        hashes.h1(),
        hashes.goModH1(),
        module.zip().length,
        Clock.systemUTC().instant());
  }

  private VersionHashes save(ModuleStore store, BuiltModule module) throws Exception {
    Path zip = Files.write(spool.resolve("w.zip"), module.zip());
    VersionHashes hashes = new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(module.mod()));
    store.save(
        module.ref(),
        new VersionFiles(
            module.mod(),
            new ByteArrayInputStream(module.zip()),
            module.zip().length,
            module.info(),
            hashes));
    return hashes;
  }

  private RegionReplicated next() throws InterruptedException {
    RegionReplicated event = outcomes.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("a replication outcome").isNotNull();
    return event;
  }

  private static BuiltModule module(String path) {
    return ModuleBuilder.module(path).version("v1.0.0").file("a.go", "package a\n").build();
  }

  /**
   * A region whose first {@code failures} puts (of the given artifacts, all if none) fail as an
   * unreachable endpoint would.
   */
  private static final class FailingStore extends ForwardingModuleStore {
    private final AtomicInteger failuresLeft;
    private final java.util.Set<Artifact> failing;

    FailingStore(ModuleStore delegate, int failures, Artifact... failing) {
      super(delegate);
      this.failuresLeft = new AtomicInteger(failures);
      this.failing =
          failing.length == 0 ? java.util.EnumSet.allOf(Artifact.class) : java.util.Set.of(failing);
    }

    @Override
    public void put(ModuleRef ref, Artifact artifact, java.io.InputStream in, long length) {
      if (failing.contains(artifact) && failuresLeft.getAndDecrement() > 0) {
        throw new TransientException("connection refused", ref.path().value(), null);
      }
      super.put(ref, artifact, in, length);
    }
  }
}
