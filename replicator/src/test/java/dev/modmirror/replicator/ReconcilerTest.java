package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReconciled;
import dev.modmirror.core.event.RegionReconciled.Action;
import dev.modmirror.core.event.RegionReconciled.Finding;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReconcileReport.Count;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
  @TempDir Path spool;
  private final InMemoryModuleStore primary = InMemoryModuleStore.create("primary");
  private final InMemoryModuleStore region = InMemoryModuleStore.create("eu");
  private final InMemoryEventBus memoryBus = InMemoryEventBus.create();
  // What the use cases publish, recorded as they publish: a subscriber would see it later, on the
  // bus's own thread, and the assertions right after a run would race it.
  private final EventBus bus =
      new EventBus() {
        @Override
        public <E extends Event> void publish(Topic<E> topic, E event) {
          if (event instanceof RegionReconciled r) {
            events.add(r);
          } else if (event instanceof VersionConflict c) {
            conflicts.add(c);
          }
          memoryBus.publish(topic, event);
        }

        @Override
        public <E extends Event> Subscription consume(
            Consumption<E> consumption, Worker<E> worker) {
          return memoryBus.consume(consumption, worker);
        }

        @Override
        public void close() {
          memoryBus.close();
        }
      };
  private final List<RegionReconciled> events = new CopyOnWriteArrayList<>();
  private final List<VersionConflict> conflicts = new CopyOnWriteArrayList<>();
  private ReplicatorConfig config;

  @BeforeEach
  void setUp() {
    config = new ReplicatorConfig(spool, 2, Duration.ofMillis(1), "r", 1);
  }

  @AfterEach
  void tearDown() {
    bus.close();
  }

  @Test
  void repairsMissingPartialAndAlteredVersionsInOneRun() throws Exception {
    BuiltModule same = module("example.com/same");
    BuiltModule missing = module("example.com/missing");
    BuiltModule partial = module("example.com/partial");
    BuiltModule altered = module("example.com/altered");
    BuiltModule flipped = module("example.com/flipped");
    for (BuiltModule m : List.of(same, missing, partial, altered, flipped)) {
      save(primary, m);
    }
    for (BuiltModule m : List.of(same, partial, altered, flipped)) {
      save(region, m);
    }
    region.delete(partial.ref(), Artifact.ZIP);
    region.putRaw(ObjectKeys.artifact(altered.ref(), Artifact.ZIP), "not a zip".getBytes());
    byte[] zip = flipped.zip().clone();
    zip[zip.length / 2] ^= 0x01; // same size, other bytes
    region.putRaw(ObjectKeys.artifact(flipped.ref(), Artifact.ZIP), zip);

    ReconcileReport.Region eu = reconcile(ReconcileSettings.defaults());

    assertThat(tree(region)).isEqualTo(tree(primary));
    for (BuiltModule m : List.of(missing, partial, altered, flipped)) {
      assertThat(bytes(region, m.ref(), Artifact.ZIP)).isEqualTo(m.zip());
    }
    assertThat(eu.count(Count.MISSING)).isEqualTo(1);
    assertThat(eu.count(Count.PARTIAL)).isEqualTo(1);
    assertThat(eu.count(Count.MISMATCH)).isEqualTo(2);
    assertThat(eu.count(Count.IN_SYNC)).isEqualTo(1);
    assertThat(eu.count(Count.COPIED)).isEqualTo(1);
    assertThat(eu.count(Count.REPAIRED)).isEqualTo(3);
    assertThat(events)
        .extracting(e -> e.ref().path().value() + " " + e.finding() + " " + e.action())
        .containsExactlyInAnyOrder(
            "example.com/missing MISSING COPIED",
            "example.com/partial PARTIAL REPAIRED",
            "example.com/altered MISMATCH REPAIRED",
            "example.com/flipped MISMATCH REPAIRED");
    assertThat(events)
        .filteredOn(e -> e.ref().equals(altered.ref()))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("example.com/altered/@v/v1.0.0.zip"));

    ReconcileReport.Region again = reconcile(ReconcileSettings.defaults());
    assertThat(again.count(Count.IN_SYNC)).isEqualTo(5);
    assertThat(again.count(Count.REPAIRED) + again.count(Count.COPIED)).isZero();
  }

  @Test
  void aDryRunReportsAndWritesNothing() throws Exception {
    BuiltModule missing = module("example.com/missing");
    save(primary, missing);

    ReconcileReport.Region eu = reconcile(new ReconcileSettings("", true, 1));

    assertThat(eu.count(Count.MISSING)).isEqualTo(1);
    assertThat(eu.rows()).singleElement().satisfies(r -> assertThat(r.action()).isEmpty());
    assertThat(region.keys()).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void leavesIncompletePrimaryVersionsRegionOnlyVersionsAndForeignKeysAlone() throws Exception {
    BuiltModule incomplete = module("example.com/incomplete");
    save(primary, incomplete);
    primary.delete(incomplete.ref(), Artifact.INFO);
    BuiltModule regionOnly = module("example.com/region-only");
    save(region, regionOnly);
    primary.putRaw("README.md", "hello".getBytes());
    primary.putRaw("example.com/x/@v/not-a-version.zip", "x".getBytes());
    region.putRaw("EXAMPLE.COM/Upper/@v/v1.0.0.info", "x".getBytes());

    ReconcileReport.Region eu = reconcile(ReconcileSettings.defaults());

    assertThat(eu.count(Count.PRIMARY_INCOMPLETE)).isEqualTo(1);
    assertThat(eu.count(Count.REGION_ONLY)).isEqualTo(1);
    assertThat(eu.count(Count.FOREIGN_PRIMARY)).isEqualTo(2);
    assertThat(eu.count(Count.FOREIGN_REGION)).isEqualTo(1);
    assertThat(region.stat(incomplete.ref(), Artifact.ZIP)).isEmpty();
    assertThat(region.marker(regionOnly.ref()))
        .isInstanceOf(dev.modmirror.core.store.CompletionMarker.Recorded.class);
    assertThat(events).isEmpty();
  }

  @Test
  void aRegionHoldingOtherBytesIsAConflictAndKeepsThem() throws Exception {
    BuiltModule ours = module("example.com/diverged");
    BuiltModule theirs =
        ModuleBuilder.module("example.com/diverged")
            .version("v1.0.0")
            .file("a.go", "package a // other bytes\n")
            .build();
    save(primary, ours);
    save(region, theirs);

    ReconcileReport.Region eu = reconcile(ReconcileSettings.defaults());

    assertThat(eu.count(Count.CONFLICT)).isEqualTo(1);
    assertThat(bytes(region, ours.ref(), Artifact.ZIP)).isEqualTo(theirs.zip());
    assertThat(conflicts).singleElement().satisfies(c -> assertThat(c.store()).isEqualTo("eu"));
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo(Action.CONFLICT));
  }

  @Test
  void aPurgedVersionIsNeitherCopiedNorLeftInTheRegion() throws Exception {
    BuiltModule kept = module("example.com/kept");
    BuiltModule purged = module("example.com/purged");
    save(primary, kept);
    save(primary, purged);
    save(region, purged);
    new Purge(primary, List.of(), bus, Clock.systemUTC()).purge(purged.ref(), "malicious");
    // A purge that could not reach the region: reconcile finishes it and never copies it back.
    assertThat(tree(region)).isNotEmpty();

    ReconcileReport.Region eu = reconcile(ReconcileSettings.defaults());

    assertThat(eu.count(Count.PURGED_REMOVED)).isEqualTo(1);
    assertThat(region.marker(purged.ref()))
        .isInstanceOf(dev.modmirror.core.store.CompletionMarker.Missing.class);
    assertThat(region.stat(purged.ref(), Artifact.ZIP)).isEmpty();
    assertThat(tree(region)).isEqualTo(tree(primary));
    assertThat(events)
        .extracting(RegionReconciled::finding, RegionReconciled::action)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Finding.MISSING, Action.COPIED),
            org.assertj.core.groups.Tuple.tuple(Finding.PURGED, Action.REMOVED));
  }

  @Test
  void copiesPendingVersionsAndClearsTheirRecords() throws Exception {
    BuiltModule pending = module("example.com/pending");
    save(primary, pending);
    UnreplicatedVersions records = new UnreplicatedVersions(primary);
    Instant warmed = Instant.parse("2026-11-30T01:00:00Z");
    records.record("eu", pending.ref(), warmed, "transient: region down", Instant.now());
    assertThat(records.pending("eu").count()).isEqualTo(1);
    assertThat(records.pending("eu").oldestWarmedAt()).contains(warmed);

    ReconcileReport.Region eu = reconcile(ReconcileSettings.defaults());

    assertThat(eu.count(Count.COPIED)).isEqualTo(1);
    assertThat(eu.count(Count.PENDING_CLEARED)).isEqualTo(1);
    assertThat(records.pending("eu").count()).isZero();
  }

  @Test
  void mergesModulesWhosePathsArePrefixesOfEachOther() throws Exception {
    List<String> paths =
        List.of("example.com/a/b", "example.com/a/b-c", "example.com/a/b/v2", "example.com/A/b");
    for (String path : paths) {
      BuiltModule m =
          module(path.endsWith("/v2") ? path : path, path.endsWith("/v2") ? "v2.0.0" : "v1.0.0");
      save(primary, m);
      if (!path.equals("example.com/a/b-c")) {
        save(region, m);
      }
    }

    ReconcileReport.Region eu = reconcile(new ReconcileSettings("example.com/", false, 3));

    assertThat(eu.count(Count.IN_SYNC)).isEqualTo(3);
    assertThat(eu.count(Count.COPIED)).isEqualTo(1);
    assertThat(tree(region)).isEqualTo(tree(primary));
  }

  @Test
  void aRegionWhoseListingHangsDoesNotDelayAnotherRegionsRepairs() throws Exception {
    BuiltModule m = module("example.com/slowregion");
    save(primary, m);
    InMemoryModuleStore us = InMemoryModuleStore.create("us");
    CountDownLatch usRepaired = new CountDownLatch(1);
    // eu's listing answers only once us holds the version: were the regions walked one after the
    // other (eu first), us would never be reached and eu would wait out its guard.
    ModuleStore slowEu =
        new ForwardingModuleStore(region) {
          @Override
          public Iterator<ListedKey> listKeys(String prefix) {
            try {
              if (!usRepaired.await(30, TimeUnit.SECONDS)) {
                throw new TransientException("eu: listing timed out");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new TransientException("eu: interrupted");
            }
            return super.listKeys(prefix);
          }
        };
    ModuleStore watchedUs =
        new ForwardingModuleStore(us) {
          @Override
          public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
            boolean created = super.createInfo(ref, info, hashes);
            usRepaired.countDown();
            return created;
          }
        };

    ReconcileReport report =
        new Reconciler(primary, List.of(slowEu, watchedUs), bus, config, Clock.systemUTC())
            .run(ReconcileSettings.defaults());

    assertThat(report.regions())
        .extracting(ReconcileReport.Region::name)
        .containsExactly("eu", "us");
    assertThat(report.clean()).as(report.table()).isTrue();
    assertThat(tree(region)).isEqualTo(tree(primary));
    assertThat(tree(us)).isEqualTo(tree(primary));
  }

  private ReconcileReport.Region reconcile(ReconcileSettings settings) {
    ReconcileReport report =
        new Reconciler(primary, List.of(region), bus, config, Clock.systemUTC()).run(settings);
    assertThat(report.regions()).singleElement();
    return report.regions().get(0);
  }

  /** The GOPROXY tree's keys (modmirror's own records left out). */
  private static Set<String> tree(InMemoryModuleStore store) {
    return store.keys().stream()
        .filter(k -> !k.startsWith(ObjectKeys.OWN_PREFIX))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private static byte[] bytes(ModuleStore store, ModuleRef ref, Artifact artifact)
      throws Exception {
    try (InputStream in = store.open(ref, artifact).orElseThrow()) {
      return in.readAllBytes();
    }
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

  private static BuiltModule module(String path) {
    return module(path, "v1.0.0");
  }

  private static BuiltModule module(String path, String version) {
    return ModuleBuilder.module(path)
        .version(version)
        .file("a.go", ("package a // " + path + "\n"))
        .build();
  }

  @SuppressWarnings("unused")
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
