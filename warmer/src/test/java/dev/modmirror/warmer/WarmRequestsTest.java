package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmOutcome;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import dev.modmirror.testkit.s3.CountedS3Requests;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 requests the warmer makes per version, counted on the primary, so that a change that adds
 * a round trip per version is noticed here and not first in {@code ./modmirror bench warm-go} (as
 * {@code CopyRequestsTest} does for the replicator). {@link CountedS3Requests} records each port
 * call as the request(s) {@code MinioModuleStore} makes for it (one each, except {@code
 * rebuildList}: LIST, PUT, LIST when no other writer adds a version meanwhile).
 */
class WarmRequestsTest {
  @TempDir Path spool;
  private final InMemoryUpstream upstream = InMemoryUpstream.create();
  private final CountedS3Requests primary =
      new CountedS3Requests(InMemoryModuleStore.create("primary"));
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final BlockingQueue<Event> outcomes = new LinkedBlockingQueue<>();
  private WarmModuleVersion warmer;

  @BeforeEach
  void setUp() {
    bus.subscribe(Topics.WARMED, "test", outcomes::add);
    bus.subscribe(Topics.FAILED, "test", outcomes::add);
    WarmerConfig config =
        new WarmerConfig(spool, 3, Duration.ofMillis(1), WarmerConfig.MAX_ZIP_BYTES, "g", 1);
    warmer =
        new WarmModuleVersion(
            upstream,
            primary,
            ChecksumPolicy.off(),
            bus,
            OpenTelemetry.noop(),
            config,
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    bus.close();
  }

  @Test
  void aNewVersionCostsTenRequestsAndAShareOfOneBatchedDelete() throws Exception {
    BuiltModule module = module("example.com/count", "v1.0.0");
    upstream.add(module);
    String dir = "example.com/count/@v/";

    warmer.handle(request(module.ref()), first());

    assertThat(((VersionWarmed) next()).outcome()).isEqualTo(WarmOutcome.STORED);
    assertThat(primary.requests())
        .containsExactly(
            // Purged? A HEAD: the tombstone's content is not needed to refuse.
            "HEAD _modmirror/purged/" + dir + "v1.0.0",
            // Stored already? Then claimed, and read again after the claim (CheckedAbsent spares
            // the save's own read before it).
            "HEAD " + dir + "v1.0.0.info",
            "PUT _modmirror/pending/" + dir + "v1.0.0 If-None-Match",
            "HEAD " + dir + "v1.0.0.info",
            // .mod, .zip, then .info last and only if absent.
            "PUT " + dir + "v1.0.0.mod",
            "PUT " + dir + "v1.0.0.zip",
            "PUT " + dir + "v1.0.0.info If-None-Match",
            // @v/list rebuilt and confirmed.
            "LIST " + dir,
            "PUT " + dir + "list",
            "LIST " + dir);
    primary.requests().clear();

    warmer.flushReleases();

    // The claim's removal waits for a batch of up to 200 (BatchedReleases).
    assertThat(primary.requests()).containsExactly("DELETE (multi-object) 1");
  }

  @Test
  void aPurgedVersionCostsOneHead() throws Exception {
    BuiltModule module = module("example.com/purged", "v1.0.0");
    upstream.add(module);
    primary
        .delegate()
        .putRecord(
            ObjectKeys.tombstone(module.ref()), "reason=test\n".getBytes(StandardCharsets.UTF_8));

    warmer.handle(request(module.ref()), first());

    assertThat(((VersionFailed) next()).errorKind()).isEqualTo(WarmModuleVersion.PURGED);
    assertThat(primary.requests())
        .containsExactly("HEAD _modmirror/purged/example.com/purged/@v/v1.0.0");
  }

  private Event next() throws InterruptedException {
    Event event = outcomes.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("an outcome event").isNotNull();
    return event;
  }

  private static BuiltModule module(String path, String version) {
    return ModuleBuilder.module(path).version(version).file("a.go", "package a\n").build();
  }

  private static Delivery first() {
    return new Delivery(1, 3, Instant.parse("2100-01-01T00:00:00Z"));
  }

  private static WarmRequested request(ModuleRef ref) {
    return WarmRequested.first(
        VersionRequested.of(ref, RequestSource.MANUAL, "test", Instant.now()));
  }
}
