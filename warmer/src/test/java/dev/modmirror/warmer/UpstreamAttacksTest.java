package dev.modmirror.warmer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.sumdb.SumDbChecksums;
import dev.modmirror.adapters.upstream.PoolSettings;
import dev.modmirror.adapters.upstream.UpstreamAuth;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.adapters.upstream.UpstreamPool;
import dev.modmirror.adapters.upstream.UpstreamSpec;
import dev.modmirror.adapters.upstream.Upstreams;
import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.sumdb.InMemorySumDbStateStore;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.evidence.CapturedLogs;
import dev.modmirror.testkit.evidence.Counters;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import dev.modmirror.testkit.sumdb.FakeSumDb;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's attacks through the upstream (docs/reliability.md, "Attacks"): a redirect to another
 * host, a zip bomb that declares its size, one that lies about it, and a checksum database that
 * lies about a hash or forks its history. The warmer runs as in production over the pool of
 * upstreams (one named upstream whose URL carries credentials) and the checksum-database client;
 * each attack ends in a {@code VersionFailed} with its kind and rule, nothing stored, counted
 * ({@code modmirror.warmer.outcomes}, {@code modmirror.warmer.verify.failures} by rule, {@code
 * module.download.failure} by reason) and logged with neither the upstream's password nor its user.
 */
class UpstreamAttacksTest {
  private static final String USER = "mirror-bot";
  private static final String PASSWORD = "upstream-pass-51c0ffee";

  @TempDir Path spool;
  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private final InMemoryModuleStore primary = InMemoryModuleStore.create("primary");
  private final BlockingQueue<VersionFailed> failed = new LinkedBlockingQueue<>();
  private final BlockingQueue<VersionWarmed> warmed = new LinkedBlockingQueue<>();
  private FakeGoProxy upstream;
  private FakeSumDb sumdb;
  private UpstreamPool pool;
  private CapturedLogs logs;
  private WarmModuleVersion warmer;

  @BeforeEach
  void start() {
    logs = CapturedLogs.start();
    bus.subscribe(Topics.FAILED, "test", failed::add);
    bus.subscribe(Topics.WARMED, "test", warmed::add);
    upstream = FakeGoProxy.start();
    sumdb = FakeSumDb.start();
    URI withCredentials =
        URI.create(
            "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + upstream.baseUrl().getPort());
    UpstreamConfig config =
        UpstreamConfig.defaults()
            .withCaps(8 << 20, 1 << 16)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    pool =
        Upstreams.build(
            GoEnv.from(Map.of()),
            config,
            PoolSettings.defaults()
                .withUpstreams(
                    List.of(
                        new UpstreamSpec(
                            "origin",
                            withCredentials,
                            UpstreamAuth.none(),
                            false,
                            "",
                            1,
                            Optional.empty()))),
            otel.getOpenTelemetry());
    ChecksumPolicy checksums =
        SumDbChecksums.policy(
            sumdb.gosumdb(), "", List.of(), Duration.ofSeconds(5), new InMemorySumDbStateStore());
    WarmerConfig settings =
        new WarmerConfig(
            spool,
            1,
            Duration.ofMillis(100),
            8 << 20,
            "attacks",
            1,
            4,
            Duration.ofMinutes(1),
            Duration.ofMillis(100),
            Duration.ofSeconds(5));
    warmer =
        new WarmModuleVersion(
            pool, primary, checksums, bus, otel.getOpenTelemetry(), settings, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    logs.close();
    pool.close();
    upstream.close();
    sumdb.close();
    bus.close();
  }

  @Test
  void aRedirectToAnotherHostIsRefusedCountedAndLoggedWithoutCredentials() throws Exception {
    BuiltModule m = honest("example.com/redirected");
    upstream.inject(
        Match.artifact(m.ref(), Artifact.ZIP),
        Fault.redirect("http://localhost:" + upstream.baseUrl().getPort() + "/elsewhere.zip"));

    VersionFailed f = refuse(m.ref(), "permanent");
    assertThat(f.reason()).contains("refused redirect").contains("to another host");
    assertThat(upstream.requests()).extracting(r -> r.path()).doesNotContain("/elsewhere.zip");
    assertThat(
            counter("module.download.failure", Map.of("upstream", "origin", "reason", "refused")))
        .isEqualTo(1);
    assertThat(outcomes("permanent")).isEqualTo(1);
    logs.assertRefusalLoggedWithout(
        List.of("not warmed " + m.ref(), "refused redirect"), List.of(PASSWORD, USER));
  }

  @Test
  void aZipBombDeclaringItsSizeIsRefusedBeforeInflating() throws Exception {
    BuiltModule m = honest("example.com/bomb");
    // 600 MiB declared for one file: above the 500 MiB a module may hold uncompressed.
    upstream.inject(
        Match.artifact(m.ref(), Artifact.ZIP),
        Fault.body(declareSize(m.zip(), "data.bin", 600L << 20)));

    VersionFailed f = refuse(m.ref(), "invalid-input");
    assertThat(f.reason()).contains("uncompressed");
    assertThat(rule("uncompressed-too-large")).isEqualTo(1);
    logs.assertRefusalLoggedWithout(
        List.of("not warmed " + m.ref(), "[invalid-input]"), List.of(PASSWORD, USER));
  }

  @Test
  void aZipBombLyingAboutItsSizeIsCutAtTheSizeItDeclared() throws Exception {
    // 16 MiB of zeros deflates to about 16 KiB; the entry says 1000 bytes.
    BuiltModule m = module("example.com/lying", new byte[16 << 20]);
    upstream.add(m);
    addToSumDb(m);
    upstream.inject(
        Match.artifact(m.ref(), Artifact.ZIP), Fault.body(declareSize(m.zip(), "data.bin", 1000)));

    refuse(m.ref(), "invalid-input");
    assertThat(rule("size-mismatch")).isEqualTo(1);
    logs.assertRefusalLoggedWithout(
        List.of("not warmed " + m.ref(), "size-mismatch"), List.of(PASSWORD, USER));
  }

  @Test
  void aChecksumDatabaseThatLiesAboutAHashIsRefused() throws Exception {
    BuiltModule m = module("example.com/misrecorded", new byte[100]);
    upstream.add(m);
    sumdb.addWithWrongHash(m.ref(), h1(m), DirHash.hashGoMod(m.mod()));

    VersionFailed f = refuse(m.ref(), "invalid-input");
    assertThat(f.reason()).contains("sumdb-hash-mismatch");
    assertThat(rule("sumdb-hash-mismatch")).isEqualTo(1);
    logs.assertRefusalLoggedWithout(
        List.of("not warmed " + m.ref(), "sumdb-hash-mismatch"), List.of(PASSWORD, USER));
  }

  @Test
  void aChecksumDatabaseThatForksItsHistoryIsRefused() throws Exception {
    BuiltModule first = honest("example.com/before-fork");
    handle(first.ref());
    assertThat(warmed.poll(30, TimeUnit.SECONDS)).as("warmed before the fork").isNotNull();
    sumdb.forkAt(0);
    BuiltModule after = honest("example.com/after-fork");

    VersionFailed f = refuse(after.ref(), "invalid-input");
    assertThat(f.reason()).contains("sumdb-fork");
    assertThat(rule("sumdb-fork")).isEqualTo(1);
    logs.assertRefusalLoggedWithout(
        List.of("not warmed " + after.ref(), "sumdb-fork"), List.of(PASSWORD, USER));
  }

  private VersionFailed refuse(ModuleRef ref, String kind) throws InterruptedException {
    handle(ref);
    VersionFailed f = failed.poll(30, TimeUnit.SECONDS);
    assertThat(f).as("the outcome of " + ref).isNotNull();
    assertThat(f.ref()).isEqualTo(ref);
    assertThat(f.status()).isEqualTo(FailureStatus.FAILED);
    assertThat(f.errorKind()).isEqualTo(kind);
    assertThat(f.reason()).doesNotContain(PASSWORD).doesNotContain(USER);
    assertThat(primary.keys())
        .as("nothing stored of " + ref)
        .noneMatch(k -> k.startsWith(ref.path().escaped() + "/"));
    assertThat(Counters.exported(otel.getMetrics())).doesNotContain(PASSWORD);
    return f;
  }

  private void handle(ModuleRef ref) {
    warmer.handle(
        WarmRequested.first(
            VersionRequested.of(ref, RequestSource.MANUAL, "attacks", Instant.now())),
        new Delivery(1, 1, Instant.now().plus(Duration.ofMinutes(5))));
  }

  private long rule(String rule) {
    return counter("modmirror.warmer.verify.failures", Map.of("modmirror.rule", rule));
  }

  private long outcomes(String kind) {
    return counter(
        "modmirror.warmer.outcomes",
        Map.of("modmirror.status", "failed", "modmirror.error.kind", kind));
  }

  private long counter(String name, Map<String, String> attributes) {
    return Counters.sum(otel.getMetrics(), name, attributes);
  }

  private BuiltModule honest(String path) throws IOException {
    BuiltModule m = module(path, new byte[1000]);
    upstream.add(m);
    addToSumDb(m);
    return m;
  }

  private void addToSumDb(BuiltModule m) throws IOException {
    sumdb.add(m.ref(), h1(m), DirHash.hashGoMod(m.mod()));
  }

  private static BuiltModule module(String path, byte[] data) {
    return ModuleBuilder.module(path)
        .version("v1.0.0")
        .file("a.go", "package a\n")
        .file("data.bin", data)
        .build();
  }

  private static String h1(BuiltModule m) throws IOException {
    Path zip = Files.createTempFile("h1-", ".zip");
    try {
      return DirHash.hashZip(Files.write(zip, m.zip()));
    } finally {
      Files.delete(zip);
    }
  }

  /**
   * The zip with the uncompressed size of the entry whose name ends with {@code name} set to {@code
   * size} in both its local header and its central-directory entry (so that they agree, and the lie
   * is in the size alone).
   */
  private static byte[] declareSize(byte[] zip, String name, long size) {
    byte[] out = zip.clone();
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    byte[] suffix = name.getBytes(StandardCharsets.UTF_8);
    int patched = 0;
    for (int at = 0; at + 46 <= out.length; at++) {
      int signature = b.getInt(at);
      boolean local = signature == 0x04034b50;
      boolean central = signature == 0x02014b50;
      if (!local && !central) {
        continue;
      }
      int nameLength = Short.toUnsignedInt(b.getShort(at + (local ? 26 : 28)));
      int nameAt = at + (local ? 30 : 46);
      String entry = new String(out, nameAt, nameLength, StandardCharsets.UTF_8);
      if (entry.endsWith("/" + new String(suffix, StandardCharsets.UTF_8))) {
        b.putInt(at + (local ? 22 : 24), (int) size);
        patched++;
      }
    }
    assertThat(patched).as("headers of " + name).isEqualTo(2);
    return out;
  }
}
