package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.gomod.GoModSyntaxException;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.dev.VersionReport;
import dev.modmirror.deploy.dev.WarmAndReport;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.goproxy.Fault;
import dev.modmirror.testkit.goproxy.Match;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.testkit.sumdb.FakeSumDb;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole warm path on real servers: ingest publishes to a real Kafka broker, the warmer fetches
 * from an upstream GOPROXY, stores in a real S3 primary, and the replicator copies to two real S3
 * region endpoints with their own credentials. One warm run, several views of it.
 */
class WarmPathEndToEndIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final BuiltModule ALPHA =
      module("example.com/e2e" + RUN + "/alpha", "v1.0.0").build();
  private static final BuiltModule UPPER =
      module("example.com/e2e" + RUN + "/Upper", "v0.3.0-beta.1")
          .file("internal/x/x.go", "package x\n")
          .build();
  private static final BuiltModule BROKEN =
      module("example.com/e2e" + RUN + "/broken", "v1.0.0")
          .rawEntry("example.com/e2e" + RUN + "/other@v1.0.0/x.go", "package x\n")
          .build();
  private static final BuiltModule CORRUPTED =
      module("example.com/e2e" + RUN + "/corrupted", "v1.0.0").build();
  private static final BuiltModule FORGED =
      module("example.com/e2e" + RUN + "/forged", "v1.1.0").build();
  private static final String MISSING = "example.com/e2e" + RUN + "/missing";

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();
  private static Path work;
  private static FakeGoProxy upstream;
  private static FakeSumDb sumdb;
  // The extension clears its spans before each test: keep those of the warm-up.
  private static List<SpanData> spans;
  private static Adapters adapters;
  private static ModuleStore primary;
  private static List<ModuleStore> regions;
  private static Mirror mirror;
  private static Map<String, VersionReport> reports;

  @BeforeAll
  static void warmOnce() throws Exception {
    work = Files.createTempDirectory("e2e-");
    upstream = FakeGoProxy.start();
    sumdb = FakeSumDb.start();
    for (BuiltModule m : List.of(ALPHA, UPPER, BROKEN, CORRUPTED, FORGED)) {
      upstream.add(m);
    }
    for (BuiltModule m : List.of(ALPHA, UPPER, CORRUPTED)) {
      sumdb.add(m.ref(), h1(m), DirHash.hashGoMod(m.mod()));
    }
    sumdb.addWithWrongHash(FORGED.ref(), h1(FORGED), DirHash.hashGoMod(FORGED.mod()));
    // Transient faults the warmer must ride out, and a corruption it must refuse.
    upstream.inject(Match.artifact(ALPHA.ref(), Artifact.ZIP), Fault.status(503), 1);
    upstream.inject(Match.artifact(UPPER.ref(), Artifact.ZIP), Fault.truncate(), 1);
    upstream.inject(Match.artifact(CORRUPTED.ref(), Artifact.ZIP), Fault.corrupt());
    SharedDedupe.ensureRunning();
    Map<String, S3Config> regionConfigs = new LinkedHashMap<>();
    regionConfigs.put("eu", s3Config(TestS3.newServer("eu-" + RUN), "eu"));
    regionConfigs.put("us", s3Config(TestS3.newServer("us-" + RUN), "us"));
    Path spool = Files.createDirectories(work.resolve("spool"));
    // Built as production builds it: a deployment, its adapters, the one assembly. The verified
    // checksum-database head lives beside the modules in the primary bucket.
    Deployment deployment =
        new Deployment(
            KafkaBusConfig.of(TestKafka.bootstrapServers(), "e2e"),
            s3Config(TestS3.newServer("primary-" + RUN), "primary"),
            regionConfigs,
            GoEnv.from(
                Map.of("GOPROXY", upstream.baseUrl().toString(), "GOSUMDB", sumdb.gosumdb())),
            UpstreamConfig.defaults(),
            TelemetryConfig.service("e2e"),
            new WarmerConfig(spool, 3, Duration.ofMillis(50), 1 << 20, "e2e-warmer-" + RUN, 3),
            new ReplicatorConfig(spool, 3, Duration.ofMillis(50), "e2e-replicator-" + RUN, 2),
            null);
    adapters = Adapters.open(deployment, Adapters.EVERY_REGION, OTEL.getOpenTelemetry());
    primary = adapters.primary();
    regions = adapters.regions();
    mirror = Services.over(adapters).startMirror(deployment.warmer(), deployment.replicator());
    String goMod =
        "module example.com/app\n\ngo 1.19\n\nrequire (\n"
            + line(ALPHA)
            + line(UPPER)
            + line(BROKEN)
            + line(CORRUPTED)
            + line(FORGED)
            + "\t"
            + MISSING
            + " v1.0.0 // indirect\n)\n";
    reports =
        new WarmAndReport(mirror, adapters.bus(), regions, spool)
            .run("e2e/go.mod", goMod, Duration.ofSeconds(90)).stream()
                .collect(Collectors.toMap(VersionReport::module, Function.identity()));
    spans = OTEL.getSpans();
  }

  @AfterAll
  static void stop() {
    if (mirror != null) {
      mirror.close();
    }
    if (adapters != null) {
      adapters.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (sumdb != null) {
      sumdb.close();
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @Test
  void warmsGoodVersionsIntoEveryRegionVerifiedByHash() {
    for (BuiltModule good : List.of(ALPHA, UPPER)) {
      VersionReport report = reports.get(good.ref().path().value());
      assertThat(report.status()).as(report.toString()).isEqualTo(VersionReport.Status.WARMED);
      assertThat(report.regions())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("eu", VersionReport.RegionState.OK, "us", VersionReport.RegionState.OK));
      assertThat(report.h1()).startsWith("h1:");
      assertThat(report.complete()).isTrue();
      for (ModuleStore region : regions) {
        assertThat(region.readList(good.ref().path())).contains(good.ref().version() + "\n");
      }
    }
  }

  @Test
  void recordsMissingUpstreamVersionAsNotFound() {
    VersionReport report = reports.get(MISSING);
    assertThat(report.status()).isEqualTo(VersionReport.Status.NOT_FOUND);
    assertThat(report.reason()).isNotBlank();
    assertThat(report.regions()).containsValues(VersionReport.RegionState.MISSING);
  }

  @Test
  void rejectsZipBreakingTheRulesAndStoresNothingOfIt() {
    VersionReport report = reports.get(BROKEN.ref().path().value());
    assertThat(report.status()).isEqualTo(VersionReport.Status.FAILED);
    assertThat(report.reason()).contains("zip rule");
    for (Artifact artifact : Artifact.values()) {
      assertThat(primary.size(BROKEN.ref(), artifact)).isEmpty();
    }
  }

  @Test
  void spansOfOneVersionShareOneTraceAcrossEveryHop() throws InterruptedException {
    VersionReport report = reports.get(ALPHA.ref().path().value());
    List<SpanData> trace = awaitSpans(report.traceId(), 6);
    assertThat(trace.stream().map(SpanData::getName))
        .contains(
            Telemetry.SPAN_INGEST_PUBLISH,
            Telemetry.SPAN_WARMER_FETCH,
            Telemetry.SPAN_WARMER_STORE,
            Telemetry.SPAN_REPLICATOR_COPY);
    assertThat(
            trace.stream()
                .filter(s -> s.getName().equals(Telemetry.SPAN_REPLICATOR_COPY))
                .map(s -> s.getAttributes().get(Telemetry.REGION)))
        .containsExactlyInAnyOrder("eu", "us");
    assertThat(trace)
        .allSatisfy(
            s ->
                assertThat(s.getAttributes().get(Telemetry.MODULE))
                    .isIn(ALPHA.ref().path().value(), null));
  }

  @Test
  void goModWithSyntaxErrorNamesTheLineAndPublishesNothing() {
    assertThatThrownBy(
            () -> mirror.ingest().ingest("bad/go.mod", "module example.com/x\n\nrequire (\n"))
        .isInstanceOf(GoModSyntaxException.class)
        .hasMessageContaining("bad/go.mod:");
  }

  @Test
  void ridesOutTransientUpstreamFaults() {
    assertThat(upstream.count(zipPath(ALPHA))).isGreaterThanOrEqualTo(2);
    assertThat(upstream.count(zipPath(UPPER))).isGreaterThanOrEqualTo(2);
  }

  @Test
  void refusesCorruptedBytesAndStoresNothingOfThem() {
    VersionReport report = reports.get(CORRUPTED.ref().path().value());
    assertThat(report.status()).as(report.toString()).isEqualTo(VersionReport.Status.FAILED);
    for (Artifact artifact : Artifact.values()) {
      assertThat(primary.size(CORRUPTED.ref(), artifact)).isEmpty();
    }
  }

  @Test
  void refusesAVersionTheChecksumDatabaseContradicts() {
    VersionReport report = reports.get(FORGED.ref().path().value());
    assertThat(report.status()).isEqualTo(VersionReport.Status.FAILED);
    assertThat(report.reason()).contains("checksum mismatch");
    assertThat(primary.size(FORGED.ref(), Artifact.ZIP)).isEmpty();
  }

  @Test
  void goDownloadsFromARegionBucketAndRecordsTheSameHashes() throws Exception {
    GoToolchain go = GoToolchain.require();
    Path tree = work.resolve("region-eu-tree");
    for (BuiltModule m : List.of(ALPHA, UPPER)) {
      RegionTree.export(regions.get(0), m.ref(), tree);
    }
    for (BuiltModule m : List.of(ALPHA, UPPER)) {
      VersionReport report = reports.get(m.ref().path().value());
      ModDownload download =
          go.modDownloadJson(tree.toUri().toString(), sumdb.gosumdb(), m.ref().key());
      assertThat(download.ok()).as(download.toString()).isTrue();
      assertThat(download.sum()).isEqualTo(report.h1());
      assertThat(download.goModSum()).isEqualTo(report.gomodH1());
    }
  }

  private static String zipPath(BuiltModule m) {
    return "/" + ObjectKeys.artifact(m.ref(), Artifact.ZIP);
  }

  private static String h1(BuiltModule m) throws java.io.IOException {
    Path zip = Files.createTempFile("h1-", ".zip");
    try {
      return DirHash.hashZip(Files.write(zip, m.zip()));
    } finally {
      Files.delete(zip);
    }
  }

  private static List<SpanData> awaitSpans(String traceId, int atLeast)
      throws InterruptedException {
    List<SpanData> trace = List.of();
    for (int i = 0; i < 100 && trace.size() < atLeast; i++) {
      trace = spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
      Thread.sleep(50);
    }
    return trace;
  }

  private static S3Config s3Config(S3Server server, String name) {
    return new S3Config(
        server.endpoint(),
        server.accessKey(),
        server.secretKey(),
        "modmirror-" + name,
        "us-east-1");
  }

  private static ModuleBuilder module(String path, String version) {
    return ModuleBuilder.module(path).version(version).file("a.go", "package a\n");
  }

  private static String line(BuiltModule m) {
    return "\t" + m.ref().path().value() + " " + m.ref().version().value() + "\n";
  }
}
