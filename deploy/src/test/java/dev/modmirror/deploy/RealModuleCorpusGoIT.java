package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.adapters.telemetry.TelemetryConfig;
import dev.modmirror.adapters.upstream.UpstreamConfig;
import dev.modmirror.core.upstream.GoEnv;
import dev.modmirror.deploy.dev.VersionReport;
import dev.modmirror.deploy.dev.WarmAndReport;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Mirror;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.gotool.GoToolchain;
import dev.modmirror.gotool.ModDownload;
import dev.modmirror.gotool.RealModules;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import dev.modmirror.warmer.WarmerConfig;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Real modules, downloaded by the go command alone ({@link RealModules}), warmed by modmirror from
 * the go command's download cache served as a {@code file://} upstream, through the same mirror
 * assembly as the other end-to-end tests (real Kafka, real S3, one region). Go's {@code Sum} and
 * {@code GoModSum} are the expected hashes. No modmirror code reaches an outside host.
 */
class RealModuleCorpusGoIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static RealModules corpus;
  private static Path work;
  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();
  private static Adapters adapters;
  private static Mirror mirror;
  private static Map<String, VersionReport> reports;

  @BeforeAll
  static void warmTheCorpus() throws Exception {
    corpus = RealModules.download(GoToolchain.require());
    SharedDedupe.ensureRunning();
    work = Files.createTempDirectory("corpus-");
    Path spool = Files.createDirectories(work.resolve("spool"));
    // Built as production builds it: a deployment whose GOPROXY is the go command's download
    // cache, its adapters, the one assembly. GOSUMDB is off: Go's own Sum and GoModSum are the
    // expected hashes.
    Deployment deployment =
        new Deployment(
            KafkaBusConfig.of(TestKafka.bootstrapServers(), "corpus"),
            s3Config("primary"),
            Map.of("eu", s3Config("eu")),
            GoEnv.from(
                Map.of("GOPROXY", corpus.downloadTree().toUri().toString(), "GOSUMDB", "off")),
            UpstreamConfig.defaults(),
            TelemetryConfig.service("corpus"),
            new WarmerConfig(
                spool,
                3,
                Duration.ofMillis(50),
                WarmerConfig.MAX_ZIP_BYTES,
                "corpus-warmer-" + RUN,
                2),
            new ReplicatorConfig(spool, 3, Duration.ofMillis(50), "corpus-replicator-" + RUN, 2));
    adapters = Adapters.open(deployment, Adapters.EVERY_REGION, OTEL.getOpenTelemetry());
    mirror = Services.over(adapters).startMirror(deployment.warmer(), deployment.replicator());
    StringBuilder goMod = new StringBuilder("module example.com/corpus\n\ngo 1.21\n\nrequire (\n");
    for (ModDownload d : corpus.all()) {
      goMod.append('\t').append(d.path()).append(' ').append(d.version()).append('\n');
    }
    goMod.append(")\n");
    reports =
        new WarmAndReport(mirror, adapters.bus(), adapters.regions(), spool)
            .run("corpus/go.mod", goMod.toString(), Duration.ofMinutes(5)).stream()
                .collect(Collectors.toMap(VersionReport::module, Function.identity()));
  }

  @AfterAll
  static void stop() {
    if (mirror != null) {
      mirror.close();
    }
    if (adapters != null) {
      adapters.close();
    }
    if (work != null) {
      TempDirs.deleteTree(work);
    }
  }

  @Test
  void warmsEveryRealModuleWithTheHashesGoRecorded() {
    assertThat(corpus.all()).hasSize(RealModules.CORPUS.size());
    for (ModDownload go : corpus.all()) {
      VersionReport report = reports.get(go.path());
      assertThat(report).as(go.path()).isNotNull();
      assertThat(report.version()).isEqualTo(go.version());
      assertThat(report.status()).as(report.toString()).isEqualTo(VersionReport.Status.WARMED);
      assertThat(report.h1()).as("zip h1 of %s", go.path()).isEqualTo(go.sum());
      assertThat(report.gomodH1()).as("go.mod h1 of %s", go.path()).isEqualTo(go.goModSum());
      // The region's copy, re-hashed from the region's bucket.
      assertThat(report.regions())
          .as(report.toString())
          .containsEntry("eu", VersionReport.RegionState.OK);
    }
  }

  @Test
  void theCorpusCoversTheCasesSyntheticModulesMiss() {
    List<String> versions = corpus.all().stream().map(d -> d.path() + "@" + d.version()).toList();
    assertThat(versions)
        .anyMatch(v -> v.startsWith("golang.org/x/"))
        .anyMatch(v -> v.endsWith("+incompatible"))
        .anyMatch(v -> v.matches("[^@]*/v[2-9]@.*"))
        .anyMatch(v -> v.matches(".*@v0\\.0\\.0-\\d{14}-[0-9a-f]{12}"))
        .anyMatch(v -> !v.equals(v.toLowerCase(java.util.Locale.ROOT)))
        .contains("github.com/aws/aws-sdk-go-v2@v1.30.0");
    Path text = corpus.downloadTree().resolve("golang.org/x/text/@v/v0.14.0.zip");
    assertThat(text.toFile().length()).as("a module of several MiB").isGreaterThan(4L << 20);
    // The checksum database was on when the go command downloaded: its lookups are in the tree.
    assertThat(corpus.downloadTree().resolve("sumdb")).isDirectory();
  }

  private static S3Config s3Config(String name) {
    S3Server server = TestS3.newServer("corpus-" + name + "-" + RUN);
    return new S3Config(
        server.endpoint(),
        server.accessKey(),
        server.secretKey(),
        "modmirror-" + name,
        "us-east-1");
  }
}
