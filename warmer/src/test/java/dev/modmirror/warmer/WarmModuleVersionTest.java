package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.Handled;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmOutcome;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.NotMirrored;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.memory.InMemoryUpstream;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WarmModuleVersionTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path spool;
  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private final InMemoryUpstream upstream = InMemoryUpstream.create();
  private final OrderRecordingStore primary =
      new OrderRecordingStore(InMemoryModuleStore.create("primary"));
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final BlockingQueue<Event> outcomes = new LinkedBlockingQueue<>();
  private WarmModuleVersion warmer;

  private final BlockingQueue<VersionConflict> conflicts = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() {
    bus.subscribe(Topics.WARMED, "test", outcomes::add);
    bus.subscribe(Topics.FAILED, "test", outcomes::add);
    bus.subscribe(Topics.CONFLICTS, "test", conflicts::add);
    warmer =
        new WarmModuleVersion(
            upstream, primary, ChecksumPolicy.off(), bus, otel.getOpenTelemetry(), config(), CLOCK);
  }

  @AfterEach
  void tearDown() {
    bus.close();
  }

  @Test
  void warmsVersionAndPublishesGoHashes() throws Exception {
    BuiltModule module = module("example.com/Good", "v1.2.3");
    upstream.add(module);

    warmer.handle(request(module.ref()), first());

    VersionWarmed warmed = (VersionWarmed) next();
    assertThat(warmed.ref()).isEqualTo(module.ref());
    assertThat(warmed.h1()).isEqualTo(DirHash.hashZip(writeZip(module)));
    assertThat(warmed.goModH1()).isEqualTo(DirHash.hashGoMod(module.mod()));
    assertThat(warmed.zipSize()).isEqualTo(module.zip().length);
    assertThat(primary.readList(module.ref().path())).contains("v1.2.3\n");
  }

  @Test
  void writesInfoLastSoAVersionIsNeverMarkedCompleteEarly() throws Exception {
    BuiltModule module = module("example.com/order", "v0.1.0");
    upstream.add(module);

    warmer.handle(request(module.ref()), first());
    next();

    // Through ModuleStore.save, whose order ModuleStoreContract pins for every adapter.
    assertThat(primary.puts()).containsExactly(Artifact.MOD, Artifact.ZIP, Artifact.INFO);
  }

  @Test
  void endsNotFoundWhenUpstreamHasNoSuchVersion() throws Exception {
    ModuleRef missing = ModuleRef.of("example.com/missing", "v9.9.9");

    warmer.handle(request(missing), first());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.status()).isEqualTo(FailureStatus.NOT_FOUND);
    assertThat(failed.errorKind()).isEqualTo("not-found");
    assertThat(primary.delegate().keys()).isEmpty();
  }

  @Test
  void aPurgedVersionIsNotWarmedAgainUntilUnPurged() throws Exception {
    BuiltModule module = module("example.com/purged", "v1.0.0");
    upstream.add(module);
    primary.putRecord(
        dev.modmirror.core.store.ObjectKeys.tombstone(module.ref()),
        "reason=malicious\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    warmer.handle(request(module.ref()), first());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.status()).isEqualTo(FailureStatus.FAILED);
    assertThat(failed.errorKind()).isEqualTo(WarmModuleVersion.PURGED);
    assertThat(primary.puts()).isEmpty();

    primary.deleteRecord(dev.modmirror.core.store.ObjectKeys.tombstone(module.ref()));
    warmer.handle(request(module.ref()), first());

    assertThat(next()).isInstanceOf(VersionWarmed.class);
  }

  @Test
  void recordsPrivateModulesAsPrivateNotMissing() throws Exception {
    ModuleRef internal = ModuleRef.of("corp.example.com/secret", "v1.0.0");
    upstream.failNext(
        internal, () -> NotMirrored.privateModule("corp.example.com/secret", "v1.0.0", "corp.*"));

    warmer.handle(request(internal), first());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.status()).isEqualTo(FailureStatus.PRIVATE);
    assertThat(failed.reason()).contains("GONOPROXY/GOPRIVATE");
  }

  @Test
  void rejectsZipOutsideModulePrefixAndStoresNothing() throws Exception {
    BuiltModule evil =
        ModuleBuilder.module("example.com/evil")
            .version("v1.0.0")
            .file("ok.go", "package evil\n")
            .rawEntry("example.com/other@v1.0.0/x.go", "package x\n")
            .build();
    upstream.add(evil);

    warmer.handle(request(evil.ref()), first());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.status()).isEqualTo(FailureStatus.FAILED);
    assertThat(failed.errorKind()).isEqualTo("invalid-input");
    assertThat(failed.reason()).contains("zip rule");
    assertThat(primary.delegate().keys()).isEmpty();
    assertThat(otel.getSpans())
        .filteredOn(s -> s.getName().equals(Telemetry.SPAN_WARMER_WARM))
        .singleElement()
        .satisfies(s -> assertThat(s.getAttributes().get(Telemetry.RULE)).isNotBlank());
  }

  @Test
  void rejectsInfoThatNamesAnotherVersion() throws Exception {
    BuiltModule lying =
        ModuleBuilder.module("example.com/liar")
            .version("v1.0.0")
            .rawInfo("{\"Version\":\"v2.0.0\",\"Time\":\"2026-01-01T00:00:00Z\"}")
            .build();
    upstream.add(lying);

    warmer.handle(request(lying.ref()), first());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.reason()).contains(".info names version v2.0.0");
    assertThat(primary.delegate().keys()).isEmpty();
  }

  @Test
  void asksForALaterAttemptOnATransientFailureThenWarms() throws Exception {
    BuiltModule module = module("example.com/flaky", "v1.0.0");
    upstream.add(module);
    upstream.failNext(module.ref(), () -> new TransientException("503 from upstream"));
    upstream.failNext(module.ref(), () -> new TransientException("timeout"));

    assertThat(warmer.handle(request(module.ref()), attempt(1)))
        .isEqualTo(Handled.retryLater("503 from upstream"));
    assertThat(warmer.handle(request(module.ref()), attempt(2)))
        .isEqualTo(Handled.retryLater("timeout"));
    assertThat(outcomes).as("nothing recorded while attempts are left").isEmpty();
    assertThat(warmer.handle(request(module.ref()), attempt(3))).isEqualTo(Handled.done());

    assertThat(next()).isInstanceOf(VersionWarmed.class);
  }

  @Test
  void recordsFailureOnTheLastAttempt() throws Exception {
    BuiltModule module = module("example.com/down", "v1.0.0");
    upstream.add(module);
    upstream.failNext(module.ref(), () -> new TransientException("503 from upstream"));

    assertThat(warmer.handle(request(module.ref()), attempt(3))).isEqualTo(Handled.done());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.status()).isEqualTo(FailureStatus.FAILED);
    assertThat(failed.errorKind()).isEqualTo("transient");
    assertThat(failed.reason()).isEqualTo("after 3 attempts: 503 from upstream");
  }

  @Test
  void anOutcomeThatCannotBePublishedIsLeftToTheBusToRedo() {
    BuiltModule module = module("example.com/unpublished", "v1.0.0");
    upstream.add(module);
    WarmModuleVersion offline =
        new WarmModuleVersion(
            upstream,
            primary,
            ChecksumPolicy.off(),
            new RefusingBus(bus),
            otel.getOpenTelemetry(),
            config(),
            CLOCK);

    assertThatThrownBy(() -> offline.handle(request(module.ref()), first()))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("not acknowledged (test)");
    // Stored before the publish failed: the redo finds it and publishes again.
    assertThat(primary.delegate().keys()).isNotEmpty();
  }

  @Test
  void recordsFetchVerifyAndStoreSpansUnderOneTrace() throws Exception {
    BuiltModule module = module("example.com/traced", "v1.0.0");
    upstream.add(module);

    warmer.handle(request(module.ref()), first());
    next();

    List<SpanData> finished = otel.getSpans();
    assertThat(finished.stream().map(SpanData::getName).collect(Collectors.toSet()))
        .contains(
            Telemetry.SPAN_WARMER_WARM,
            Telemetry.SPAN_WARMER_FETCH,
            Telemetry.SPAN_WARMER_VERIFY,
            Telemetry.SPAN_WARMER_STORE);
    assertThat(finished.stream().map(SpanData::getTraceId).distinct()).hasSize(1);
  }

  @Test
  void aRepeatedRequestWithTheSameUpstreamBytesEndsAlreadyPresentAndWritesNothing()
      throws Exception {
    BuiltModule module = module("example.com/again", "v1.0.0");
    upstream.add(module);
    warmer.handle(request(module.ref()), first());
    VersionWarmed first = (VersionWarmed) next();
    primary.puts().clear();

    warmer.handle(request(module.ref()), first());

    VersionWarmed again = (VersionWarmed) next();
    assertThat(again.outcome()).isEqualTo(WarmOutcome.ALREADY_PRESENT);
    assertThat(again.h1()).isEqualTo(first.h1());
    assertThat(again.zipSize()).isEqualTo(first.zipSize());
    assertThat(primary.puts()).isEmpty();
  }

  // Issue 16: the upstream of a module the checksum database does not cover changed the bytes of
  // a published version. The stored version stays; the conflict is recorded with both hashes.
  @Test
  void aRepeatedRequestAfterTheUpstreamChangedItsBytesIsAConflictAndWritesNothing()
      throws Exception {
    BuiltModule original = module("example.com/changed", "v1.0.0");
    upstream.add(original);
    warmer.handle(request(original.ref()), first());
    VersionWarmed stored = (VersionWarmed) next();
    byte[] storedZip = read(original.ref(), Artifact.ZIP);
    BuiltModule changed =
        ModuleBuilder.module("example.com/changed")
            .version("v1.0.0")
            .file("a.go", "package a // rewritten\n")
            .build();
    upstream.add(changed);
    primary.puts().clear();

    warmer.handle(request(original.ref()), first());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.status()).isEqualTo(FailureStatus.CONFLICT);
    assertThat(failed.errorKind()).isEqualTo("conflict");
    VersionConflict conflict = conflicts.poll(10, TimeUnit.SECONDS);
    assertThat(conflict).isNotNull();
    assertThat(conflict.store()).isEqualTo("primary");
    assertThat(conflict.complete()).isTrue();
    assertThat(conflict.storedH1()).isEqualTo(stored.h1());
    assertThat(conflict.offeredH1()).isEqualTo(DirHash.hashZip(writeZip(changed)));
    assertThat(failed.reason()).contains(stored.h1()).contains(conflict.offeredH1());
    assertThat(primary.puts()).isEmpty();
    assertThat(read(original.ref(), Artifact.ZIP)).isEqualTo(storedZip);
    assertThat(primary.marker(original.ref()))
        .isEqualTo(new CompletionMarker.Recorded(new VersionHashes(stored.h1(), stored.goModH1())));
  }

  @Test
  void aStoredVersionWhoseUpstreamNowAnswersNotFoundEndsAlreadyPresentNotNotFound()
      throws Exception {
    BuiltModule module = module("example.com/vanished", "v1.0.0");
    upstream.add(module);
    warmer.handle(request(module.ref()), first());
    next();
    for (int i = 0; i < 3; i++) {
      upstream.failNext(module.ref(), () -> new NotFoundException("410 Gone", module.ref()));
    }

    warmer.handle(request(module.ref()), first());

    assertThat(((VersionWarmed) next()).outcome()).isEqualTo(WarmOutcome.ALREADY_PRESENT);
  }

  @Test
  void aDamagedZipIsRepairedWithBytesOfTheRecordedHashes() throws Exception {
    BuiltModule module = module("example.com/rotten", "v1.0.0");
    upstream.add(module);
    warmer.handle(request(module.ref()), first());
    VersionWarmed stored = (VersionWarmed) next();
    // Damage at rest: the stored zip lost its tail.
    byte[] zip = java.util.Arrays.copyOf(module.zip(), module.zip().length - 10);
    primary.put(module.ref(), Artifact.ZIP, new ByteArrayInputStream(zip), zip.length);

    warmer.handle(request(module.ref()), first());

    VersionWarmed repaired = (VersionWarmed) next();
    assertThat(repaired.outcome()).isEqualTo(WarmOutcome.REPAIRED);
    assertThat(repaired.h1()).isEqualTo(stored.h1());
    assertThat(read(module.ref(), Artifact.ZIP)).isEqualTo(module.zip());
  }

  @Test
  void aDamagedZipIsNeverRepairedWithOtherBytes() throws Exception {
    BuiltModule module = module("example.com/rotten-changed", "v1.0.0");
    upstream.add(module);
    warmer.handle(request(module.ref()), first());
    next();
    primary.delete(module.ref(), Artifact.ZIP);
    upstream.add(
        ModuleBuilder.module("example.com/rotten-changed")
            .version("v1.0.0")
            .file("a.go", "package a // other\n")
            .build());

    warmer.handle(request(module.ref()), first());

    assertThat(((VersionFailed) next()).status()).isEqualTo(FailureStatus.CONFLICT);
    assertThat(primary.size(module.ref(), Artifact.ZIP)).isEmpty();
  }

  @Test
  void aVersionFoundAbsentHasItsInfoReadOnceMoreOnlyAfterTheClaim() throws Exception {
    BuiltModule module = module("example.com/fresh", "v1.0.0");
    upstream.add(module);

    warmer.handle(request(module.ref()), first());

    assertThat(((VersionWarmed) next()).outcome()).isEqualTo(WarmOutcome.STORED);
    // The check's read, then the save's read after its claim: not a third one before the claim.
    assertThat(primary.markers()).isEqualTo(2);
  }

  @Test
  void aVersionCompletedByAnotherWriterAfterTheCheckEndsAlreadyPresentWithNothingWritten()
      throws Exception {
    BuiltModule module = module("example.com/raced", "v1.0.0");
    upstream.add(module);
    primary.onClaim(() -> completeElsewhere(module));

    warmer.handle(request(module.ref()), first());

    assertThat(((VersionWarmed) next()).outcome()).isEqualTo(WarmOutcome.ALREADY_PRESENT);
    assertThat(primary.puts()).isEmpty();
    assertThat(read(module.ref(), Artifact.ZIP)).isEqualTo(module.zip());
  }

  @Test
  void aVersionCompletedWithOtherBytesAfterTheCheckIsAConflictAndKeepsThem() throws Exception {
    BuiltModule module = module("example.com/raced-other", "v1.0.0");
    BuiltModule other =
        ModuleBuilder.module("example.com/raced-other")
            .version("v1.0.0")
            .file("a.go", "package a // other\n")
            .build();
    upstream.add(module);
    primary.onClaim(() -> completeElsewhere(other));

    warmer.handle(request(module.ref()), first());

    assertThat(((VersionFailed) next()).status()).isEqualTo(FailureStatus.CONFLICT);
    assertThat(primary.puts()).isEmpty();
    assertThat(read(module.ref(), Artifact.ZIP)).isEqualTo(other.zip());
  }

  /** Another writer saves {@code module} whole, straight into the store under the recorder. */
  private void completeElsewhere(BuiltModule module) {
    primary.onClaim(() -> {});
    try {
      VersionHashes hashes =
          new VersionHashes(DirHash.hashZip(writeZip(module)), DirHash.hashGoMod(module.mod()));
      primary
          .delegate()
          .save(
              module.ref(),
              new VersionFiles(
                  module.mod(),
                  new ByteArrayInputStream(module.zip()),
                  module.zip().length,
                  module.info(),
                  hashes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // Issue 16: the list rebuild failed after .info was written and the whole version was retried,
  // ending failed. Now the version is warmed and only the list is retried.
  @Test
  void aFlakyListRebuildAfterTheInfoStillEndsWarmedAndTheListCatchesUp() throws Exception {
    BuiltModule module = module("example.com/flaky-list", "v1.0.0");
    upstream.add(module);
    primary.failListRebuilds(2);

    warmer.handle(request(module.ref()), first());

    VersionWarmed warmed = (VersionWarmed) next();
    assertThat(warmed.outcome()).isEqualTo(WarmOutcome.STORED);
    assertThat(primary.readList(module.ref().path())).contains("v1.0.0\n");
  }

  @Test
  void aListThatStaysBrokenLeavesTheVersionWarmedAndARepeatedRequestListsIt() throws Exception {
    BuiltModule module = module("example.com/broken-list", "v1.0.0");
    upstream.add(module);
    primary.failListRebuilds(Integer.MAX_VALUE);

    warmer.handle(request(module.ref()), first());

    assertThat(next()).isInstanceOf(VersionWarmed.class);
    assertThat(primary.readList(module.ref().path()).orElse("")).doesNotContain("v1.0.0");
    primary.failListRebuilds(0);
    warmer.handle(request(module.ref()), first());
    assertThat(((VersionWarmed) next()).outcome()).isEqualTo(WarmOutcome.ALREADY_PRESENT);
    assertThat(primary.readList(module.ref().path())).contains("v1.0.0\n");
  }

  @Test
  void anInfoWrittenWithoutHashesIsAdoptedFromItsStoredBytes() throws Exception {
    BuiltModule module = module("example.com/older-release", "v1.0.0");
    upstream.add(module);
    primary.put(module.ref(), Artifact.MOD, new ByteArrayInputStream(module.mod()), -1);
    primary.put(module.ref(), Artifact.ZIP, new ByteArrayInputStream(module.zip()), -1);
    primary.put(module.ref(), Artifact.INFO, new ByteArrayInputStream(module.info()), -1);

    warmer.handle(request(module.ref()), first());

    VersionWarmed warmed = (VersionWarmed) next();
    assertThat(warmed.outcome()).isEqualTo(WarmOutcome.ALREADY_PRESENT);
    assertThat(primary.marker(module.ref()))
        .isEqualTo(new CompletionMarker.Recorded(new VersionHashes(warmed.h1(), warmed.goModH1())));
  }

  @Test
  void anInfoWithoutHashesOrZipIsLeftToAnOperator() throws Exception {
    BuiltModule module = module("example.com/orphan-info", "v1.0.0");
    upstream.add(module);
    primary.put(module.ref(), Artifact.INFO, new ByteArrayInputStream(module.info()), -1);

    warmer.handle(request(module.ref()), first());

    VersionFailed failed = (VersionFailed) next();
    assertThat(failed.status()).isEqualTo(FailureStatus.FAILED);
    assertThat(failed.errorKind()).isEqualTo("permanent");
    assertThat(failed.reason()).contains("without recorded hashes").contains("no .zip");
    assertThat(primary.size(module.ref(), Artifact.ZIP)).isEmpty();
  }

  private byte[] read(ModuleRef ref, Artifact artifact) throws Exception {
    try (var in = primary.open(ref, artifact).orElseThrow()) {
      return in.readAllBytes();
    }
  }

  private Event next() throws InterruptedException {
    Event event = outcomes.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("an outcome event").isNotNull();
    return event;
  }

  private Path writeZip(BuiltModule module) throws Exception {
    Path zip = spool.resolve("expected.zip");
    java.nio.file.Files.write(zip, module.zip());
    return zip;
  }

  private static BuiltModule module(String path, String version) {
    return ModuleBuilder.module(path)
        .version(version)
        .file("a.go", "package a\n")
        .file("sub/b.go", "package sub\n")
        .build();
  }

  private WarmerConfig config() {
    return new WarmerConfig(spool, 3, Duration.ofMillis(1), WarmerConfig.MAX_ZIP_BYTES, "g", 1);
  }

  private static Delivery first() {
    return attempt(1);
  }

  private static Delivery attempt(int attempt) {
    return new Delivery(attempt, 3, Instant.parse("2100-01-01T00:00:00Z"));
  }

  /** Publishes nothing: every publish times out, as a broker that does not answer. */
  private static final class RefusingBus implements EventBus {
    private final EventBus delegate;

    RefusingBus(EventBus delegate) {
      this.delegate = delegate;
    }

    @Override
    public <E extends Event> void publish(Topic<E> topic, E event) {
      throw new TransientException("publish to " + topic.name() + ": not acknowledged (test)");
    }

    @Override
    public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
      return delegate.consume(consumption, worker);
    }

    @Override
    public void close() {}
  }

  private static WarmRequested request(ModuleRef ref) {
    return WarmRequested.first(
        VersionRequested.of(ref, RequestSource.MANUAL, "test", CLOCK.instant()));
  }
}
