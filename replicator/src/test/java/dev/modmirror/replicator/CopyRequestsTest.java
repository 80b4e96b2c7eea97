package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.s3.CountedS3Requests;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 requests one verified copy makes, counted on both stores, so that a change that adds a
 * round trip per version is noticed here and not first in {@code ./modmirror bench replicate}.
 * {@link CountedS3Requests} records each port call as the request(s) {@code MinioModuleStore} makes
 * for it (one each, except {@code rebuildList}: LIST, PUT, LIST when no other writer adds a version
 * meanwhile).
 */
class CopyRequestsTest {
  @TempDir Path spool;
  private final CountedS3Requests primary =
      new CountedS3Requests(InMemoryModuleStore.create("primary"));
  private final CountedS3Requests region = new CountedS3Requests(InMemoryModuleStore.create("eu"));
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final BlockingQueue<RegionReplicated> outcomes = new LinkedBlockingQueue<>();
  private ReplicatorConfig config;

  @BeforeEach
  void setUp() {
    bus.subscribe(Topics.REPLICATED, "test", outcomes::add);
    config = new ReplicatorConfig(spool, 3, Duration.ofMillis(1), "r", 1);
  }

  @AfterEach
  void tearDown() {
    bus.close();
  }

  @Test
  void aWarmedVersionNewToARegionCostsElevenRequests() throws Exception {
    VersionWarmed warmed = warm(module("example.com/count", "v1.0.0"));
    String dir = "example.com/count/@v/";

    replicator().handle(warmed);

    assertThat(next().ok()).isTrue();
    // The tombstone check, then the zip, go.mod and .info to copy, at once (the zip re-verified
    // and re-hashed in one pass as it is spooled).
    assertInSteps(
        primary.requests(),
        List.of("GET _modmirror/purged/example.com/count/@v/v1.0.0"),
        List.of(
            "GET " + dir + "v1.0.0.zip",
            "GET " + dir + "v1.0.0.mod",
            "GET " + dir + "v1.0.0.info"));
    // Is it there already; .mod and .zip at once, then .info last and only if absent (no claim:
    // the region's writers all copy the primary's recorded hashes); @v/list rebuilt, confirmed.
    assertInSteps(
        region.requests(),
        List.of("HEAD " + dir + "v1.0.0.info"),
        List.of("PUT " + dir + "v1.0.0.mod", "PUT " + dir + "v1.0.0.zip"),
        List.of("PUT " + dir + "v1.0.0.info If-None-Match"),
        List.of("LIST " + dir),
        List.of("PUT " + dir + "list"),
        List.of("LIST " + dir));
    assertThat(primary.requests().size() + region.requests().size()).isEqualTo(11);
  }

  @Test
  void aReplayOfAVersionTheRegionHoldsCostsFiveRequestsAndWritesNothing() throws Exception {
    VersionWarmed warmed = warm(module("example.com/again", "v1.0.0"));
    replicator().handle(warmed);
    next();
    primary.requests().clear();
    region.requests().clear();
    String dir = "example.com/again/@v/";

    replicator().handle(warmed);

    assertThat(next().ok()).isTrue();
    assertThat(primary.requests())
        .containsExactly("GET _modmirror/purged/example.com/again/@v/v1.0.0");
    // Presence only (the bytes were verified when copied): .info, .zip, .mod there; listed.
    assertThat(region.requests())
        .containsExactly(
            "HEAD " + dir + "v1.0.0.info",
            "HEAD " + dir + "v1.0.0.zip",
            "HEAD " + dir + "v1.0.0.mod",
            "GET " + dir + "list");
  }

  @Test
  void reconcilingAModuleIntoAnEmptyRegionCostsSixRequestsPerVersionAndThreeForItsList()
      throws Exception {
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      warm(module("example.com/many", v));
    }
    primary.requests().clear();
    String dir = "example.com/many/@v/";

    ReconcileReport report =
        new Reconciler(primary, List.of(region), bus, config, Clock.systemUTC())
            .run(new ReconcileSettings("", false, 1));

    assertThat(report.regions().get(0).count(ReconcileReport.Count.COPIED)).isEqualTo(3);
    List<List<String>> primaryExpected = new ArrayList<>();
    List<List<String>> regionExpected = new ArrayList<>();
    primaryExpected.add(List.of("LIST "));
    primaryExpected.add(List.of("LIST _modmirror/purged/"));
    regionExpected.add(List.of("LIST "));
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      // The .info with the recorded hashes to copy (one read for both) and the two files, at
      // once (one version at a time here: concurrency 1).
      primaryExpected.add(
          List.of(
              "GET " + dir + v + ".info", "GET " + dir + v + ".zip", "GET " + dir + v + ".mod"));
      // No .info HEAD: the listing found no object of the version; .mod and .zip are created
      // only if absent, so one written since the listing is never overwritten.
      regionExpected.add(
          List.of(
              "PUT " + dir + v + ".mod If-None-Match", "PUT " + dir + v + ".zip If-None-Match"));
      regionExpected.add(List.of("PUT " + dir + v + ".info If-None-Match"));
    }
    // The module's list once, after its last version; then the region's pending records.
    regionExpected.add(List.of("LIST " + dir));
    regionExpected.add(List.of("PUT " + dir + "list"));
    regionExpected.add(List.of("LIST " + dir));
    primaryExpected.add(List.of("LIST _modmirror/unreplicated/eu/"));
    assertInSteps(primary.requests(), primaryExpected.toArray(List[]::new));
    assertInSteps(region.requests(), regionExpected.toArray(List[]::new));
    assertThat(region.readList(ModulePath.of("example.com/many")))
        .contains("v1.0.0\nv1.1.0\nv1.2.0\n");
  }

  @Test
  void reconcilingAPartialVersionStillReadsTheRegionsInfoFirstAndWritesUnconditionally()
      throws Exception {
    BuiltModule module = module("example.com/partial", "v1.0.0");
    warm(module);
    region.delegate().put(module.ref(), Artifact.MOD, new ByteArrayInputStream(module.mod()), -1);
    primary.requests().clear();
    String dir = "example.com/partial/@v/";

    ReconcileReport report =
        new Reconciler(primary, List.of(region), bus, config, Clock.systemUTC())
            .run(new ReconcileSettings("", false, 1));

    assertThat(report.regions().get(0).count(ReconcileReport.Count.COPIED)).isEqualTo(1);
    assertInSteps(
        region.requests(),
        List.of("LIST "),
        List.of("HEAD " + dir + "v1.0.0.info"),
        List.of("PUT " + dir + "v1.0.0.mod", "PUT " + dir + "v1.0.0.zip"),
        List.of("PUT " + dir + "v1.0.0.info If-None-Match"),
        List.of("LIST " + dir),
        List.of("PUT " + dir + "list"),
        List.of("LIST " + dir));
  }

  @Test
  void aVersionCompletedInTheRegionSinceTheListingWithTheSameBytesEndsPresentNotOverwritten()
      throws Exception {
    BuiltModule module = module("example.com/meanwhile", "v1.0.0");
    warm(module);
    InMemoryModuleStore eu = InMemoryModuleStore.create("eu");
    CountedS3Requests racing = new CountedS3Requests(completedBeforeFirstCreate(eu, module));

    ReconcileReport report =
        new Reconciler(primary, List.of(racing), bus, config, Clock.systemUTC())
            .run(new ReconcileSettings("", false, 1));

    ReconcileReport.Region part = report.regions().get(0);
    assertThat(part.count(ReconcileReport.Count.MISSING)).isEqualTo(1);
    assertThat(part.count(ReconcileReport.Count.VERIFIED)).isEqualTo(1);
    assertThat(part.count(ReconcileReport.Count.COPIED)).isZero();
    // Found by a create-only write, then inspected: nothing written unconditionally.
    assertThat(racing.requests())
        .noneMatch(r -> r.startsWith("PUT ") && r.contains("/@v/v1.0.0.") && !r.endsWith("Match"))
        .contains("HEAD example.com/meanwhile/@v/v1.0.0.info");
    assertThat(eu.open(module.ref(), Artifact.ZIP).orElseThrow().readAllBytes())
        .isEqualTo(module.zip());
  }

  @Test
  void aVersionCompletedInTheRegionSinceTheListingWithOtherBytesIsAConflictItsZipUnchanged()
      throws Exception {
    BuiltModule ours = module("example.com/other", "v1.0.0");
    warm(ours);
    BuiltModule theirs =
        ModuleBuilder.module("example.com/other")
            .version("v1.0.0")
            .file("a.go", "package a // theirs\n")
            .build();
    InMemoryModuleStore eu = InMemoryModuleStore.create("eu");
    CountedS3Requests racing = new CountedS3Requests(completedBeforeFirstCreate(eu, theirs));

    ReconcileReport report =
        new Reconciler(primary, List.of(racing), bus, config, Clock.systemUTC())
            .run(new ReconcileSettings("", false, 1));

    ReconcileReport.Region part = report.regions().get(0);
    assertThat(part.count(ReconcileReport.Count.CONFLICT)).isEqualTo(1);
    assertThat(part.count(ReconcileReport.Count.COPIED)).isZero();
    assertThat(eu.open(ours.ref(), Artifact.ZIP).orElseThrow().readAllBytes())
        .isEqualTo(theirs.zip());
    assertThat(eu.open(ours.ref(), Artifact.MOD).orElseThrow().readAllBytes())
        .isEqualTo(theirs.mod());
  }

  /**
   * {@code store}, in which another writer completes {@code module} (by the port's save) just
   * before the first create-only write reaches it: after the listing, before the copy.
   */
  private ModuleStore completedBeforeFirstCreate(InMemoryModuleStore store, BuiltModule module)
      throws Exception {
    Path zip = Files.write(spool.resolve("other.zip"), module.zip());
    VersionHashes hashes = new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(module.mod()));
    AtomicBoolean done = new AtomicBoolean();
    return new ForwardingModuleStore(store) {
      @Override
      public boolean putIfAbsent(
          ModuleRef ref, Artifact artifact, InputStream content, long length) {
        synchronized (done) {
          if (!done.getAndSet(true)) {
            store.save(
                module.ref(),
                new VersionFiles(
                    module.mod(),
                    new ByteArrayInputStream(module.zip()),
                    module.zip().length,
                    module.info(),
                    hashes));
          }
        }
        return super.putIfAbsent(ref, artifact, content, length);
      }
    };
  }

  @Test
  void reconcilingTwoRegionsReadsAndVerifiesEachVersionFromThePrimaryOnce() throws Exception {
    for (String v : List.of("v1.0.0", "v1.1.0")) {
      warm(module("example.com/twice", v));
    }
    CountedS3Requests other = new CountedS3Requests(InMemoryModuleStore.create("us"));
    String dir = "example.com/twice/@v/";

    ReconcileReport report =
        new Reconciler(primary, List.of(region, other), bus, config, Clock.systemUTC())
            .run(new ReconcileSettings("", false, 1));

    for (ReconcileReport.Region part : report.regions()) {
      assertThat(part.count(ReconcileReport.Count.COPIED)).as(part.name()).isEqualTo(2);
    }
    // Each version's .info, .zip and .mod read once for both regions (two versions are within
    // the reads kept for a region not there yet: one per copy in flight per region).
    assertThat(primary.requests().stream().filter(r -> r.startsWith("GET ")))
        .containsExactlyInAnyOrder(
            "GET " + dir + "v1.0.0.info",
            "GET " + dir + "v1.0.0.zip",
            "GET " + dir + "v1.0.0.mod",
            "GET " + dir + "v1.1.0.info",
            "GET " + dir + "v1.1.0.zip",
            "GET " + dir + "v1.1.0.mod");
    for (CountedS3Requests r : List.of(region, other)) {
      assertThat(r.requests().stream().filter(q -> q.startsWith("PUT " + dir + "v")))
          .containsExactlyInAnyOrder(
              "PUT " + dir + "v1.0.0.mod If-None-Match",
              "PUT " + dir + "v1.0.0.zip If-None-Match",
              "PUT " + dir + "v1.0.0.info If-None-Match",
              "PUT " + dir + "v1.1.0.mod If-None-Match",
              "PUT " + dir + "v1.1.0.zip If-None-Match",
              "PUT " + dir + "v1.1.0.info If-None-Match");
      assertThat(tree(r)).isEqualTo(tree(primary));
    }
    // Every shared zip removed from scratch once both regions had it.
    try (var left = Files.list(spool)) {
      assertThat(left.map(f -> f.getFileName().toString()))
          .noneMatch(f -> f.startsWith("replicate-"));
    }
  }

  @Test
  void replicatingAVersionToTwoRegionsReadsAndVerifiesItFromThePrimaryOnce() throws Exception {
    VersionWarmed warmed = warm(module("example.com/both", "v1.0.0"));
    CountedS3Requests other = new CountedS3Requests(InMemoryModuleStore.create("us"));
    String dir = "example.com/both/@v/";

    try (ReplicateVersion.Copiers copiers =
        ReplicateVersion.forRegions(
            primary,
            List.of(region, other),
            bus,
            OpenTelemetry.noop(),
            config,
            Clock.systemUTC())) {
      for (ReplicateVersion copier : copiers.regions()) {
        copier.handle(warmed);
        assertThat(next().ok()).as(copier.region()).isTrue();
      }
    }

    // Each region checks the tombstone; the .info (with its recorded hashes), .zip and .mod are
    // read once for both, the zip verified once.
    assertThat(primary.requests())
        .containsExactlyInAnyOrder(
            "GET _modmirror/purged/example.com/both/@v/v1.0.0",
            "GET _modmirror/purged/example.com/both/@v/v1.0.0",
            "GET " + dir + "v1.0.0.info",
            "GET " + dir + "v1.0.0.zip",
            "GET " + dir + "v1.0.0.mod");
    for (CountedS3Requests r : List.of(region, other)) {
      assertInSteps(
          r.requests(),
          List.of("HEAD " + dir + "v1.0.0.info"),
          List.of("PUT " + dir + "v1.0.0.mod", "PUT " + dir + "v1.0.0.zip"),
          List.of("PUT " + dir + "v1.0.0.info If-None-Match"),
          List.of("LIST " + dir),
          List.of("PUT " + dir + "list"),
          List.of("LIST " + dir));
      assertThat(tree(r)).isEqualTo(tree(primary));
    }
    // The shared zip removed from scratch once both regions had it.
    try (var left = Files.list(spool)) {
      assertThat(left.map(f -> f.getFileName().toString()))
          .noneMatch(f -> f.startsWith("replicate-"));
    }
  }

  /**
   * The requests are {@code steps} in order, the requests within a step in any order (they run at
   * once): a request of a later step never comes before one of an earlier step.
   */
  @SafeVarargs
  private static void assertInSteps(List<String> requests, List<String>... steps) {
    List<String> actual = List.copyOf(requests);
    int at = 0;
    for (List<String> step : steps) {
      assertThat(actual.size())
          .as("requests after %s", actual.subList(0, at))
          .isGreaterThanOrEqualTo(at + step.size());
      assertThat(actual.subList(at, at + step.size()))
          .as("step %d of %s", at, actual)
          .containsExactlyInAnyOrderElementsOf(step);
      at += step.size();
    }
    assertThat(actual).as("no more requests").hasSize(at);
  }

  private static List<String> tree(CountedS3Requests store) {
    return ((InMemoryModuleStore) store.delegate())
        .keys().stream().filter(k -> !k.startsWith(ObjectKeys.OWN_PREFIX)).toList();
  }

  private ReplicateVersion replicator() {
    return new ReplicateVersion(
        primary, region, bus, OpenTelemetry.noop(), config, Clock.systemUTC());
  }

  /** Saves the version into the primary (not counted) and returns its warmed event. */
  private VersionWarmed warm(BuiltModule module) throws Exception {
    Path zip = Files.write(spool.resolve("w.zip"), module.zip());
    VersionHashes hashes = new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(module.mod()));
    primary.save(
        module.ref(),
        new VersionFiles(
            module.mod(),
            new ByteArrayInputStream(module.zip()),
            module.zip().length,
            module.info(),
            hashes));
    primary.requests().clear();
    return VersionWarmed.of(
        module.ref(),
        hashes.h1(),
        hashes.goModH1(),
        module.zip().length,
        Clock.systemUTC().instant());
  }

  private RegionReplicated next() throws InterruptedException {
    RegionReplicated event = outcomes.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("a replication outcome").isNotNull();
    return event;
  }

  private static BuiltModule module(String path, String version) {
    return ModuleBuilder.module(path).version(version).file("a.go", "package a\n").build();
  }
}
