package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.adapters.upstream.UpstreamStatusJson;
import dev.modmirror.core.auth.ApiToken;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.auth.TokenEntry;
import dev.modmirror.core.auth.TokenFile;
import dev.modmirror.core.config.Settings;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.webhook.Signatures;
import dev.modmirror.ingest.IngestConfig;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.kafka.TopicRecords;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Access control on the ingest service's real surface (real broker): a reader cannot purge or
 * replay, a developer warms only what its token may see, webhooks keep their own proof.
 */
class SurfaceAccessIT {
  private static final String SECRET = "it-access-webhook-secret";
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private final String admin = ApiToken.generate();
  private final String developer = ApiToken.generate();
  private final String reader = ApiToken.generate();

  @Test
  void aReaderCannotPurgeOrReplayAndEachRoleGetsWhatItMay() throws Exception {
    Path state = TempDirs.create("access-it-");
    Path tokens = state.resolve("tokens");
    Files.writeString(
        tokens,
        String.join(
            "\n",
            TokenFile.line(new TokenEntry("ops", Role.ADMIN, ApiToken.hash(admin), "")),
            TokenFile.line(new TokenEntry("ci", Role.DEVELOPER, ApiToken.hash(developer), "")),
            TokenFile.line(new TokenEntry("dash", Role.READER, ApiToken.hash(reader), ""))));
    IngestService.Surface surface =
        new IngestService.Surface(
            new HttpSecurity(Optional.of(tokens), Optional.empty(), "PKCS12", ""),
            List::of,
            m -> m.value().startsWith("git.corp.example/"));
    try (KafkaEventBus bus =
            KafkaEventBus.create(
                KafkaBusConfig.of(TestKafka.bootstrapServers(), "access-it"),
                OpenTelemetry.noop());
        IngestService service =
            IngestService.start(
                KafkaBusConfig.of(TestKafka.bootstrapServers(), "access-it"),
                config(state),
                bus,
                () -> null,
                () -> null,
                OpenTelemetry.noop(),
                Clock.systemUTC(),
                surface)) {
      int port = service.port();
      for (String action : List.of("/admin/purge", "/admin/dlq/replay", "/admin/reconcile")) {
        assertThat(post(port, action, reader, "").statusCode()).as(action).isEqualTo(403);
        assertThat(post(port, action, developer, "").statusCode()).as(action).isEqualTo(403);
        assertThat(post(port, action, null, "").statusCode()).as(action).isEqualTo(401);
      }
      for (String action : List.of("/admin/purge", "/admin/reconcile")) {
        HttpResponse<String> elsewhere = post(port, action, admin, "");
        assertThat(elsewhere.statusCode()).as(action).isEqualTo(501);
        assertThat(elsewhere.body()).contains("MODMIRROR_REPLICATOR_HTTP_PORT");
      }
      // A dry run only reads the shared broker's dead-letter topic; a real replay here would
      // publish other tests' dead letters again.
      HttpResponse<String> dryRun =
          post(port, "/admin/dlq/replay", admin, "dry-run=true\nfilter=key=nothing.example/*\n");
      assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
      assertThat(dryRun.body()).containsPattern("(?m)^would replay 0 of \\d+ dead letters");
      HttpResponse<String> malformed = post(port, "/admin/dlq/replay", admin, "dryrun=true");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.body()).startsWith("unknown option 'dryrun'");
      assertThat(post(port, "/admin/reload", admin, "").body()).isEqualTo("reloaded: 3 tokens\n");
      assertThat(post(port, "/admin/reload", reader, "").statusCode()).isEqualTo(403);

      String module = "example.com/" + run + "/lib";
      assertThat(post(port, "/warm", reader, module + "@v1.0.0").statusCode()).isEqualTo(403);
      assertThat(post(port, "/warm", developer, "git.corp.example/x/y@v1.0.0").statusCode())
          .isEqualTo(403);
      assertThat(post(port, "/warm", developer, "not a module").statusCode()).isEqualTo(400);
      assertThat(post(port, "/warm", developer, module + "@v1.0.0\n").statusCode()).isEqualTo(202);

      HttpResponse<String> status = get(port, "/status/upstreams", developer);
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(UpstreamStatusJson.read(status.body())).isEmpty();
      assertThat(get(port, "/status/upstreams", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/healthz", null).statusCode()).isEqualTo(200);
      assertThat(post(port, "/demand", reader, "/x.example/a/@v/v1.0.0.zip").statusCode())
          .isEqualTo(403);
      assertThat(push(port, "{\"zen\":\"ok\"}").statusCode())
          .as("a signed webhook needs no token")
          .isEqualTo(200);

      var manual =
          TopicRecords.readAll(TestKafka.bootstrapServers(), Topics.REQUESTS.name()).stream()
              .filter(r -> r.key().equals(module + "@v1.0.0"))
              .map(
                  r ->
                      EventJson.create()
                          .read(Topics.REQUESTS, r.value().getBytes(StandardCharsets.UTF_8)))
              .toList();
      assertThat(manual).singleElement().matches(r -> r.source() == RequestSource.MANUAL);
    } finally {
      TempDirs.deleteTree(state);
    }
  }

  private IngestConfig config(Path state) {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_WEBHOOK_GITHUB_SECRET", SECRET);
    env.put("MODMIRROR_INGEST_INDEX_ENABLED", "false");
    env.put("MODMIRROR_PREFETCH_ENABLED", "false");
    env.put("MODMIRROR_INGEST_HTTP_HOST", "127.0.0.1");
    env.put("MODMIRROR_INGEST_HTTP_PORT", "0");
    env.put("MODMIRROR_INGEST_STATE_DIR", state.toString());
    env.put("MODMIRROR_INGEST_APPLICATION_ID", "access-it-" + run);
    Settings s = Settings.fromEnvironment(env);
    IngestConfig config = IngestConfig.from(s);
    s.validate();
    return config;
  }

  private HttpResponse<String> push(int port, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/github"))
            .header("X-GitHub-Event", "ping")
            .header("X-GitHub-Delivery", "ping-" + run)
            .header("X-Hub-Signature-256", Signatures.githubHeader(SECRET, bytes))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(int port, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
