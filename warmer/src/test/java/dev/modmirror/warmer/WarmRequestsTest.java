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
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import io.opentelemetry.api.OpenTelemetry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
 * {@code CopyRequestsTest} does for the replicator). {@link CountingStore} records each port call
 * as the request(s) {@code MinioModuleStore} makes for it (one each, except {@code rebuildList}:
 * LIST, PUT, LIST when no other writer adds a version meanwhile).
 */
class WarmRequestsTest {
  @TempDir Path spool;
  private final InMemoryUpstream upstream = InMemoryUpstream.create();
  private final CountingStore primary = new CountingStore(InMemoryModuleStore.create("primary"));
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
    assertThat(primary.requests)
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
    primary.requests.clear();

    warmer.flushReleases();

    // The claim's removal waits for a batch of up to 200 (BatchedReleases).
    assertThat(primary.requests).containsExactly("DELETE (multi-object) 1");
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
    assertThat(primary.requests)
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

  /**
   * Records every call as the S3 request(s) {@code MinioModuleStore} makes for it, with the key.
   */
  private static final class CountingStore extends ForwardingModuleStore {
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final ModuleStore delegate;

    CountingStore(ModuleStore delegate) {
      super(delegate);
      this.delegate = delegate;
    }

    ModuleStore delegate() {
      return delegate;
    }

    private static String key(ModuleRef ref, Artifact artifact) {
      return ObjectKeys.artifact(ref, artifact);
    }

    @Override
    public CompletionMarker marker(ModuleRef ref) {
      requests.add("HEAD " + key(ref, Artifact.INFO));
      return super.marker(ref);
    }

    @Override
    public boolean createInfo(ModuleRef ref, byte[] info, VersionHashes hashes) {
      requests.add("PUT " + key(ref, Artifact.INFO) + " If-None-Match");
      return super.createInfo(ref, info, hashes);
    }

    @Override
    public VersionHashes claim(ModuleRef ref, VersionHashes hashes) {
      requests.add("PUT " + ObjectKeys.pending(ref) + " If-None-Match");
      return super.claim(ref, hashes);
    }

    @Override
    public void release(ModuleRef ref) {
      requests.add("DELETE " + ObjectKeys.pending(ref));
      super.release(ref);
    }

    @Override
    public void releaseAll(Collection<ModuleRef> refs) {
      requests.add("DELETE (multi-object) " + refs.size());
      super.releaseAll(refs);
    }

    @Override
    public boolean recordHashes(ModuleRef ref, VersionHashes hashes) {
      requests.add("GET " + key(ref, Artifact.INFO));
      requests.add("PUT " + key(ref, Artifact.INFO) + " If-Match");
      return super.recordHashes(ref, hashes);
    }

    @Override
    public void put(ModuleRef ref, Artifact artifact, InputStream content, long length) {
      requests.add("PUT " + key(ref, artifact));
      super.put(ref, artifact, content, length);
    }

    @Override
    public Optional<InputStream> open(ModuleRef ref, Artifact artifact) {
      requests.add("GET " + key(ref, artifact));
      return super.open(ref, artifact);
    }

    @Override
    public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
      requests.add("GET " + key(ref, artifact));
      return super.read(ref, artifact);
    }

    @Override
    public Optional<ObjectStat> stat(ModuleRef ref, Artifact artifact) {
      requests.add("HEAD " + key(ref, artifact));
      return super.stat(ref, artifact);
    }

    @Override
    public List<ModuleVersion> completeVersions(ModulePath path) {
      requests.add("LIST " + ObjectKeys.versionDirectory(path));
      return super.completeVersions(path);
    }

    @Override
    public void rebuildList(ModulePath path) {
      String dir = ObjectKeys.versionDirectory(path);
      requests.addAll(List.of("LIST " + dir, "PUT " + ObjectKeys.list(path), "LIST " + dir));
      super.rebuildList(path);
    }

    @Override
    public Optional<String> readList(ModulePath path) {
      requests.add("GET " + ObjectKeys.list(path));
      return super.readList(path);
    }

    @Override
    public void putRecord(String key, byte[] bytes) {
      requests.add("PUT " + key);
      super.putRecord(key, bytes);
    }

    @Override
    public Optional<byte[]> readRecord(String key) {
      requests.add("GET " + key);
      return super.readRecord(key);
    }

    @Override
    public boolean hasRecord(String key) {
      requests.add("HEAD " + key);
      return super.hasRecord(key);
    }

    @Override
    public void deleteRecord(String key) {
      requests.add("DELETE " + key);
      super.deleteRecord(key);
    }

    @Override
    public void delete(ModuleRef ref, Artifact artifact) {
      requests.add("DELETE " + ObjectKeys.artifact(ref, artifact));
      super.delete(ref, artifact);
    }
  }
}
