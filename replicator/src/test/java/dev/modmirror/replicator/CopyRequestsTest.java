package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.s3.CountedS3Requests;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    // The tombstone check, then the zip, go.mod and .info to copy (the zip re-verified and
    // re-hashed in one pass as it is spooled).
    assertThat(primary.requests())
        .containsExactly(
            "GET _modmirror/purged/example.com/count/@v/v1.0.0",
            "GET " + dir + "v1.0.0.zip",
            "GET " + dir + "v1.0.0.mod",
            "GET " + dir + "v1.0.0.info");
    // Is it there already; .mod, .zip, then .info last and only if absent (no claim: the region's
    // writers all copy the primary's recorded hashes); @v/list rebuilt and confirmed.
    assertThat(region.requests())
        .containsExactly(
            "HEAD " + dir + "v1.0.0.info",
            "PUT " + dir + "v1.0.0.mod",
            "PUT " + dir + "v1.0.0.zip",
            "PUT " + dir + "v1.0.0.info If-None-Match",
            "LIST " + dir,
            "PUT " + dir + "list",
            "LIST " + dir);
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
  void reconcilingAModuleIntoAnEmptyRegionCostsSevenRequestsPerVersionAndThreeForItsList()
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
    List<String> primaryExpected = new ArrayList<>();
    List<String> regionExpected = new ArrayList<>();
    primaryExpected.add("LIST ");
    primaryExpected.add("LIST _modmirror/purged/");
    regionExpected.add("LIST ");
    for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
      // The .info with the recorded hashes to copy (one read for both), then the two files.
      primaryExpected.addAll(
          List.of(
              "GET " + dir + v + ".info", "GET " + dir + v + ".zip", "GET " + dir + v + ".mod"));
      regionExpected.addAll(
          List.of(
              "HEAD " + dir + v + ".info",
              "PUT " + dir + v + ".mod",
              "PUT " + dir + v + ".zip",
              "PUT " + dir + v + ".info If-None-Match"));
    }
    // The module's list once, after its last version; then the region's pending records.
    regionExpected.addAll(List.of("LIST " + dir, "PUT " + dir + "list", "LIST " + dir));
    primaryExpected.add("LIST _modmirror/unreplicated/eu/");
    assertThat(primary.requests()).containsExactlyElementsOf(primaryExpected);
    assertThat(region.requests()).containsExactlyElementsOf(regionExpected);
    assertThat(region.readList(ModulePath.of("example.com/many")))
        .contains("v1.0.0\nv1.1.0\nv1.2.0\n");
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
