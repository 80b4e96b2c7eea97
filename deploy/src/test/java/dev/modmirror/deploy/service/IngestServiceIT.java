package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.adapters.s3.MinioModuleStore;
import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.core.config.Settings;
import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.webhook.Signatures;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.ingest.IngestConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.goproxy.FakeGoProxy;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.kafka.TopicRecords;
import dev.modmirror.testkit.s3.S3Server;
import dev.modmirror.testkit.s3.TestS3;
import io.opentelemetry.api.OpenTelemetry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ingest service's checks: a signed tag push, its redelivery and an unsigned one; prefetch. */
class IngestServiceIT {
  private static final String SECRET = "it-webhook-secret";
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private final EventJson json = EventJson.create();

  private static KafkaBusConfig kafka() {
    return KafkaBusConfig.of(TestKafka.bootstrapServers(), "ingest-it");
  }

  private IngestConfig config(Path state) {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_WEBHOOK_GITHUB_SECRET", SECRET);
    env.put("MODMIRROR_INGEST_INDEX_ENABLED", "false");
    env.put("MODMIRROR_PREFETCH_ENABLED", "false");
    env.put("MODMIRROR_INGEST_HTTP_HOST", "127.0.0.1");
    env.put("MODMIRROR_INGEST_HTTP_PORT", "0");
    env.put("MODMIRROR_INGEST_STATE_DIR", state.toString());
    Settings s = Settings.fromEnvironment(env);
    IngestConfig config = IngestConfig.from(s);
    s.validate();
    return config;
  }

  private HttpResponse<String> push(int port, String delivery, String body, boolean signed)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/github"))
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", delivery)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (signed) {
      b.header("X-Hub-Signature-256", Signatures.githubHeader(SECRET, bytes));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<TopicRecords.Seen> records(String topic, String key) {
    return TopicRecords.readAll(TestKafka.bootstrapServers(), topic).stream()
        .filter(r -> key.equals(r.key()))
        .toList();
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  @Test
  void aSignedTagPushYieldsOneWarmRequestARedeliveryNoneAndAnUnsignedOne401() throws Exception {
    Path state = TempDirs.create("ingest-it-");
    String repo = "https://github.com/itorg-" + run + "/repo";
    String body =
        "{\"ref\":\"refs/tags/v1.2.3\",\"after\":\"0123456789abcdef0123456789abcdef01234567\","
            + "\"repository\":{\"full_name\":\"itorg-"
            + run
            + "/repo\",\"html_url\":\""
            + repo
            + "\"}}";
    String key = "github.com/itorg-" + run + "/repo@v1.2.3";
    try (KafkaEventBus bus = KafkaEventBus.create(kafka(), OpenTelemetry.noop());
        IngestService service =
            IngestService.start(
                kafka(),
                config(state),
                bus,
                () -> null,
                () -> null,
                OpenTelemetry.noop(),
                Clock.systemUTC())) {
      int port = service.port();
      await(() -> status(port, "/readyz") == 200, "readiness");

      assertThat(push(port, "delivery-" + run, body, true).statusCode()).isEqualTo(202);
      HttpResponse<String> again = push(port, "delivery-" + run, body, true);
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(again.body()).contains("already handled");
      assertThat(push(port, "unsigned-" + run, body, false).statusCode()).isEqualTo(401);
      assertThat(push(port, "garbage-" + run, "not json", true).statusCode()).isEqualTo(400);
      assertThat(push(port, "giant-" + run, "x".repeat((1 << 20) + 1), true).statusCode())
          .isEqualTo(413);

      await(() -> !records(Topics.WARM_URGENT.name(), key).isEmpty(), "the warm request");
      assertThat(records(Topics.REQUESTS.name(), key)).hasSize(1);
      for (var lane : Topics.warmLanes()) {
        assertThat(records(lane.name(), key)).hasSize(lane == Topics.WARM_URGENT ? 1 : 0);
      }
    } finally {
      TempDirs.deleteTree(state);
    }
  }

  private int status(int port, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void prefetchNowRequestsTheTopDemandedModulesMissingVersions() throws Exception {
    String hot = "hot.example/" + run + "/x";
    String warm = "hot.example/" + run + "/y";
    String cold = "hot.example/" + run + "/z";
    S3Server s3 = TestS3.newServer("prefetch-" + run);
    try (FakeGoProxy upstream = FakeGoProxy.start();
        KafkaEventBus bus = KafkaEventBus.create(kafka(), OpenTelemetry.noop())) {
      for (String v : List.of("v1.0.0", "v1.1.0", "v1.2.0")) {
        upstream.add(ModuleBuilder.module(hot).version(v).build());
      }
      upstream.add(ModuleBuilder.module(warm).version("v0.1.0").build());
      upstream.add(ModuleBuilder.module(cold).version("v1.0.0").build());
      S3Config s3Config =
          new S3Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), "prefetch", "us-east-1");
      byte[] info = "{\"Version\":\"v1.2.0\"}".getBytes(StandardCharsets.UTF_8);
      MinioModuleStore.create("primary", s3Config)
          .put(
              ModuleRef.of(hot, "v1.2.0"),
              Artifact.INFO,
              new ByteArrayInputStream(info),
              info.length);
      Instant now = Instant.now();
      demand(bus, hot, 5, now);
      demand(bus, warm, 4, now);
      demand(bus, cold, 1, now);

      PrefetchCommand command = new PrefetchCommand();
      command.env =
          Map.of(
              "MODMIRROR_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers(),
              "MODMIRROR_S3_ENDPOINT", s3.endpoint().toString(),
              "MODMIRROR_S3_ACCESS_KEY", s3.accessKey(),
              "MODMIRROR_S3_SECRET_KEY", s3.secretKey(),
              "MODMIRROR_S3_BUCKET", "prefetch",
              "MODMIRROR_UPSTREAM", upstream.baseUrl().toString(),
              "MODMIRROR_GOSUMDB", "off",
              "MODMIRROR_PREFETCH_TOP", "2");
      assertThat(command.call()).isZero();
    }
    List<String> popular =
        TopicRecords.readAll(TestKafka.bootstrapServers(), Topics.REQUESTS.name()).stream()
            .filter(r -> r.key().startsWith("hot.example/" + run))
            .map(r -> json.read(Topics.REQUESTS, r.value().getBytes(StandardCharsets.UTF_8)))
            .filter(r -> r.source() == RequestSource.POPULAR)
            .map(r -> r.ref().key())
            .toList();
    assertThat(popular)
        .containsExactlyInAnyOrder(hot + "@v1.1.0", hot + "@v1.0.0", warm + "@v0.1.0");
  }

  private static void demand(KafkaEventBus bus, String module, int times, Instant at) {
    for (int i = 0; i < times; i++) {
      ModuleRef ref = ModuleRef.of(module, "v1.0.0");
      bus.publish(Topics.DEMAND, DemandObserved.of(ref, DemandKind.ZIP, "it", at));
    }
  }
}
