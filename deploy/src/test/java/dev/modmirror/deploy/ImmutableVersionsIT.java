package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmOutcome;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.deploy.wiring.Parts;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.kafka.CollectedEvents;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.testkit.sumdb.FakeSumDb;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A complete version never changes, and every request ends in one truthful outcome (issue 16), on a
 * real broker and real S3 stores (a primary and two regions), through the one assembly: a repeated
 * request after the upstream changed its bytes, a repeated request of a version the checksum
 * database vouches for, a region that already holds other bytes, and a list rebuild that fails
 * after the {@code .info} was written.
 */
class ImmutableVersionsIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String PRIVATE_PREFIX = "corp.example.com";
  private static final int ATTEMPTS = 3;

  private static final BuiltModule EXEMPT = module(PRIVATE_PREFIX + "/im" + RUN + "/lib", "a");
  private static final BuiltModule COVERED = module("example.com/im" + RUN + "/pub", "a");
  private static final BuiltModule DIVERGED = module("example.com/im" + RUN + "/regional", "a");
  private static final BuiltModule FLAKY_LIST = module("example.com/im" + RUN + "/listed", "a");

  private static CollectedEvents events;
  private static final Map<ModulePath, AtomicInteger> LIST_FAILURES = new ConcurrentHashMap<>();
  private static Path work;
  private static FakeGoProxy upstream;
  private static FakeSumDb sumdb;
  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();
  private static OpenTelemetry otel;
  private static Adapters adapters;
  private static ModuleStore primary;
  private static List<ModuleStore> regions;
  private static Mirror mirror;

  @BeforeAll
  static void start() throws Exception {
    SharedDedupe.ensureRunning();
    work = TempDirs.create("immutable-");
    upstream = FakeGoProxy.start();
    sumdb = FakeSumDb.start();
    for (BuiltModule m : List.of(EXEMPT, COVERED, DIVERGED, FLAKY_LIST)) {
      upstream.add(m);
      if (m != EXEMPT) {
        sumdb.add(m.ref(), hashes(m).h1(), hashes(m).goModH1());
      }
    }
    otel = OTEL.getOpenTelemetry();
    Map<String, S3Config> regionConfigs = new LinkedHashMap<>();
    regionConfigs.put("eu", s3("eu"));
    regionConfigs.put("us", s3("us"));
    WarmerConfig warmer =
        new WarmerConfig(work, ATTEMPTS, Duration.ofMillis(20), 1 << 20, "im-w-" + RUN, 2);
    ReplicatorConfig replicator =
        new ReplicatorConfig(work, ATTEMPTS, Duration.ofMillis(20), "im-r-" + RUN, 1);
    Deployment deployment =
        new Deployment(
            KafkaBusConfig.of(TestKafka.bootstrapServers(), "immutable"),
            s3("primary"),
            regionConfigs,
            GoEnv.from(
                Map.of(
                    "GOPROXY", upstream.baseUrl().toString(),
                    "GOSUMDB", sumdb.gosumdb(),
                    "GONOSUMDB", PRIVATE_PREFIX)),
            UpstreamConfig.defaults(),
            TelemetryConfig.service("immutable"),
            warmer,
            replicator);
    adapters = Adapters.open(deployment, Adapters.EVERY_REGION, otel);
    primary = adapters.primary();
    regions = adapters.regions();
    events =
        CollectedEvents.subscribe(
            adapters.bus(),
            "im-events-" + RUN,
            List.of(Topics.WARMED, Topics.FAILED, Topics.CONFLICTS, Topics.REPLICATED));
    // The real primary, whose list writes fail on demand as a timed-out PUT would.
    Parts parts =
        Parts.of(
            adapters.bus(),
            new FlakyListStore(primary),
            regions,
            adapters.upstream(),
            adapters.checksums(),
            otel,
            Clock.systemUTC());
    mirror = Services.over(parts).startMirror(warmer, replicator);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {mirror, adapters, upstream, sumdb}) {
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
  void aRepeatedRequestAfterTheUpstreamChangedItsBytesRecordsAConflictAndChangesNoStore()
      throws Exception {
    ModuleRef ref = EXEMPT.ref();
    request(ref);
    VersionWarmed warmed = await(VersionWarmed.class, ref, w -> true);
    awaitReplicated(ref, "eu");
    awaitReplicated(ref, "us");
    Map<String, String> before = snapshot(ref);
    BuiltModule changed = module(EXEMPT.ref().path().value(), "b");
    upstream.add(changed);

    request(ref);

    VersionFailed failed = await(VersionFailed.class, ref, f -> true);
    assertThat(failed.status()).isEqualTo(FailureStatus.CONFLICT);
    VersionConflict conflict = await(VersionConflict.class, ref, c -> true);
    assertThat(conflict.store()).isEqualTo("primary");
    assertThat(conflict.storedH1()).isEqualTo(warmed.h1());
    assertThat(conflict.offeredH1()).isEqualTo(hashes(changed).h1());
    assertThat(snapshot(ref)).isEqualTo(before);
    assertThat(events(VersionWarmed.class, ref)).hasSize(1);
  }

  @Test
  void aRepeatedRequestOfAVersionTheChecksumDatabaseVouchesForFetchesNothing() throws Exception {
    ModuleRef ref = COVERED.ref();
    request(ref);
    await(VersionWarmed.class, ref, w -> true);
    String zip = "/" + ObjectKeys.artifact(ref, Artifact.ZIP);
    long fetched = upstream.count(zip);

    request(ref);

    VersionWarmed again =
        await(VersionWarmed.class, ref, w -> w.outcome() == WarmOutcome.ALREADY_PRESENT);
    assertThat(again.h1()).isEqualTo(hashes(COVERED).h1());
    assertThat(upstream.count(zip)).isEqualTo(fetched);
  }

  @Test
  void aRegionHoldingOtherBytesRecordsAConflictAndKeepsThem() throws Exception {
    ModuleRef ref = DIVERGED.ref();
    BuiltModule other = module(ref.path().value(), "b");
    ModuleStore eu = regions.get(0);
    eu.save(ref, files(other));
    Map<String, String> euBefore = snapshot(eu, ref);

    request(ref);

    RegionReplicated euOutcome = awaitReplicated(ref, "eu");
    assertThat(euOutcome.ok()).isFalse();
    assertThat(euOutcome.reason()).startsWith("conflict: ");
    VersionConflict conflict = await(VersionConflict.class, ref, c -> c.store().equals("eu"));
    assertThat(conflict.storedH1()).isEqualTo(hashes(other).h1());
    assertThat(conflict.offeredH1()).isEqualTo(hashes(DIVERGED).h1());
    assertThat(awaitReplicated(ref, "us").ok()).isTrue();
    assertThat(snapshot(eu, ref)).isEqualTo(euBefore);
  }

  // Issue 16: the list rebuild failed after the last attempt wrote .info, and the version ended
  // failed. The list fails as often as the warmer attempts a version.
  @Test
  void aListRebuildFailingAfterTheInfoStillEndsWarmedAndTheListCatchesUp() throws Exception {
    ModuleRef ref = FLAKY_LIST.ref();
    LIST_FAILURES.put(ref.path(), new AtomicInteger(ATTEMPTS));

    request(ref);

    VersionWarmed warmed = await(VersionWarmed.class, ref, w -> true);
    assertThat(warmed.outcome()).isEqualTo(WarmOutcome.STORED);
    assertThat(events(VersionFailed.class, ref)).isEmpty();
    assertThat(LIST_FAILURES.get(ref.path())).hasValue(0);
    assertThat(primary.readList(ref.path())).contains("v1.0.0\n");
    assertThat(awaitReplicated(ref, "eu").ok()).isTrue();
    assertThat(regions.get(0).readList(ref.path())).contains("v1.0.0\n");
  }

  /** A store whose list rebuilds of chosen modules fail while their counter lasts. */
  private static final class FlakyListStore extends ForwardingModuleStore {
    FlakyListStore(ModuleStore delegate) {
      super(delegate);
    }

    @Override
    public void rebuildList(ModulePath path) {
      AtomicInteger left = LIST_FAILURES.get(path);
      if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new TransientException("PUT @v/list timed out", path.value(), null);
      }
      super.rebuildList(path);
    }
  }

  /** Per store: the recorded marker and the sha256 of every artifact, to prove nothing changed. */
  private static Map<String, String> snapshot(ModuleRef ref) throws Exception {
    Map<String, String> all = new LinkedHashMap<>();
    all.putAll(snapshot(primary, ref));
    for (ModuleStore region : regions) {
      all.putAll(snapshot(region, ref));
    }
    return all;
  }

  private static Map<String, String> snapshot(ModuleStore store, ModuleRef ref) throws Exception {
    Map<String, String> seen = new LinkedHashMap<>();
    CompletionMarker marker = store.marker(ref);
    seen.put(store.name() + " marker", marker.toString());
    for (Artifact artifact : Artifact.values()) {
      Optional<InputStream> in = store.open(ref, artifact);
      String digest = "absent";
      if (in.isPresent()) {
        try (InputStream stream = in.get()) {
          digest =
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(stream.readAllBytes()));
        }
      }
      seen.put(store.name() + " " + artifact, digest);
    }
    return seen;
  }

  /** An operator's re-warm: {@code MANUAL} requests always pass the dedupe stage. */
  private static void request(ModuleRef ref) {
    adapters
        .bus()
        .publish(
            Topics.REQUESTS,
            VersionRequested.of(
                ref, RequestSource.MANUAL, "ImmutableVersionsIT", Clock.systemUTC().instant()));
  }

  private static RegionReplicated awaitReplicated(ModuleRef ref, String region)
      throws InterruptedException {
    return await(RegionReplicated.class, ref, r -> r.region().equals(region));
  }

  /** The first event of {@code type} about {@code ref} that matches, once it arrived. */
  private static <E extends Event> E await(Class<E> type, ModuleRef ref, Predicate<E> match)
      throws InterruptedException {
    return events.await(type, ref, match);
  }

  private static <E extends Event> List<E> events(Class<E> type, ModuleRef ref) {
    return events.of(type, ref);
  }

  private static VersionFiles files(BuiltModule m) throws Exception {
    return new VersionFiles(
        m.mod(), new ByteArrayInputStream(m.zip()), m.zip().length, m.info(), hashes(m));
  }

  private static VersionHashes hashes(BuiltModule m) throws java.io.IOException {
    Path zip = Files.createTempFile("h1-", ".zip");
    try {
      Files.write(zip, m.zip());
      return new VersionHashes(DirHash.hashZip(zip), DirHash.hashGoMod(m.mod()));
    } finally {
      Files.delete(zip);
    }
  }

  private static BuiltModule module(String path, String content) {
    return ModuleBuilder.module(path)
        .version("v1.0.0")
        .file("a.go", "package a // " + content + "\n")
        .build();
  }

  private static S3Config s3(String name) {
    S3Server server = TestS3.newServer("im-" + name + "-" + RUN);
    return new S3Config(
        server.endpoint(), server.accessKey(), server.secretKey(), "im-" + name, "us-east-1");
  }
}
