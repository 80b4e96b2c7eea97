package dev.modmirror.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.modmirror.core.auth.AccessRules;
import dev.modmirror.core.auth.ApiToken;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.auth.TokenEntry;
import dev.modmirror.core.auth.TokenFile;
import dev.modmirror.core.module.ModulePath;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AccessControlTest {
  private final String admin = ApiToken.generate();
  private final String developer = ApiToken.generate();
  private final String reader = ApiToken.generate();
  private final String corpReader = ApiToken.generate();
  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
          .build();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  @TempDir Path dir;
  private Path tokenFile;
  private HttpService service;
  private AccessControl filter;

  @BeforeEach
  void start() throws Exception {
    logs.start();
    root.addAppender(logs);
    tokenFile = dir.resolve("tokens");
    Files.writeString(
        tokenFile,
        String.join(
            "\n",
            List.of(
                TokenFile.line(new TokenEntry("ops", Role.ADMIN, ApiToken.hash(admin), "")),
                TokenFile.line(new TokenEntry("ci", Role.DEVELOPER, ApiToken.hash(developer), "")),
                TokenFile.line(new TokenEntry("dash", Role.READER, ApiToken.hash(reader), "")),
                TokenFile.line(
                    new TokenEntry(
                        "corp", Role.READER, ApiToken.hash(corpReader), "git.corp.example")))));
    AccessRules rules = new AccessRules(m -> m.value().startsWith("git.corp.example/"));
    HttpService.Builder b =
        HttpService.builder()
            .telemetry(otel)
            .route(Route.of("POST", "/admin/purge", 1024, r -> Response.text(202, "purged")))
            .route(Route.of("POST", "/admin/dlq/replay", 1024, r -> Response.text(202, "replayed")))
            .route(Route.of("POST", "/warm", 1024, r -> Response.text(202, "queued")))
            .route(Route.of("GET", "/serve/*", 0, r -> Response.text(200, "bytes")))
            .route(Route.of("POST", "/hooks/github", 1024, r -> Response.text(202, "hook")))
            .route(Route.of("GET", "/forgotten", 0, r -> Response.text(200, "oops")));
    filter =
        new HttpSecurity(Optional.of(tokenFile), Optional.empty(), "PKCS12", "")
            .apply(
                b,
                rules,
                otel,
                a ->
                    a.route("/admin/purge", Access.token(Role.ADMIN))
                        .route("/admin/dlq/replay", Access.token(Role.ADMIN))
                        .route("/warm", Access.token(Role.DEVELOPER))
                        .route(
                            "/serve/*",
                            Access.token(
                                Role.READER,
                                r ->
                                    List.of(ModulePath.of(r.path().substring("/serve/".length())))))
                        .route("/hooks/github", Access.ownProof()))
            .orElseThrow();
    service = b.start();
  }

  @AfterEach
  void stop() {
    service.close();
    otel.close();
    root.detachAppender(logs);
  }

  /** Issue 13's "tokens of the wrong role": 403, counted by reason, logged by name, not token. */
  @Test
  void aReaderTokenCannotPurgeOrReplay() throws Exception {
    assertThat(post("/admin/purge", reader).statusCode()).isEqualTo(403);
    assertThat(post("/admin/dlq/replay", reader).statusCode()).isEqualTo(403);
    assertThat(post("/admin/purge", developer).statusCode()).isEqualTo(403);
    assertThat(post("/admin/purge", admin).statusCode()).isEqualTo(202);
    assertThat(post("/admin/dlq/replay", admin).body()).isEqualTo("replayed\n");
    assertThat(post("/warm", developer).statusCode()).isEqualTo(202);
    assertThat(post("/warm", reader).statusCode()).isEqualTo(403);
    assertThat(denials()).containsOnly(java.util.Map.entry("role", 4L));
    String logged =
        String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logged).contains("reason=role token=dash").contains("reason=role token=ci");
    for (String t : List.of(admin, reader, developer)) {
      assertThat(logged).doesNotContain(t).doesNotContain(t.substring(4, 14));
    }
  }

  @Test
  void missingMalformedAndUnknownTokensGet401() throws Exception {
    HttpResponse<String> missing = send(req("/admin/purge").POST(empty()));
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"modmirror\"");
    assertThat(
            send(req("/admin/purge").header("Authorization", "Basic YTpi").POST(empty()))
                .statusCode())
        .isEqualTo(401);
    assertThat(post("/admin/purge", "not-a-token").statusCode()).isEqualTo(401);
    assertThat(post("/admin/purge", ApiToken.generate()).statusCode()).isEqualTo(401);
    assertThat(denials())
        .containsEntry("missing", 1L)
        .containsEntry("malformed", 2L)
        .containsEntry("unknown", 1L);
  }

  @Test
  void aTokenAsTheBasicPasswordIsATokenAsTheGoCommandSendsANetrcEntry() throws Exception {
    assertThat(basic("/serve/example.com/pub", "go:" + reader).statusCode()).isEqualTo(200);
    assertThat(basic("/serve/git.corp.example/team/lib", "go:" + reader).statusCode())
        .isEqualTo(403);
    assertThat(basic("/serve/git.corp.example/team/lib", ":" + corpReader).statusCode())
        .isEqualTo(200);
    // No colon, an unknown token, and bytes that are not base64: 401 as any bad token.
    assertThat(basic("/serve/example.com/pub", reader).statusCode()).isEqualTo(401);
    assertThat(basic("/serve/example.com/pub", "go:" + ApiToken.generate()).statusCode())
        .isEqualTo(401);
    assertThat(
            send(req("/serve/example.com/pub").header("Authorization", "Basic !!!")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void privateModulesAreServedOnlyToTokensGivenThem() throws Exception {
    assertThat(get("/serve/example.com/pub", reader).statusCode()).isEqualTo(200);
    assertThat(get("/serve/git.corp.example/team/lib", reader).statusCode()).isEqualTo(403);
    assertThat(get("/serve/git.corp.example/team/lib", admin).statusCode()).isEqualTo(403);
    assertThat(get("/serve/git.corp.example/team/lib", corpReader).statusCode()).isEqualTo(200);
    assertThat(denials()).containsEntry("module", 2L);
  }

  @Test
  void probesAndWebhooksNeedNoTokenAndAForgottenRouteIsClosed() throws Exception {
    assertThat(send(req("/healthz")).statusCode()).isEqualTo(200);
    assertThat(send(req("/hooks/github").POST(empty())).statusCode()).isEqualTo(202);
    assertThat(get("/forgotten", admin).statusCode()).isEqualTo(403);
  }

  @Test
  void noTokenReachesALogLineOrAMetric() throws Exception {
    for (String t : List.of(admin, reader, developer, corpReader, ApiToken.generate())) {
      post("/admin/purge", t);
      get("/serve/git.corp.example/x", t);
      get("/forgotten", t);
    }
    String logged =
        String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertThat(logged).contains("reason=role token=dash").contains("token=-");
    String exported = metrics.collectAllMetrics().toString();
    for (String t : List.of(admin, reader, developer, corpReader)) {
      assertThat(logged).doesNotContain(t).doesNotContain(t.substring(4, 14));
      assertThat(exported).doesNotContain(t.substring(4, 14));
    }
  }

  @Test
  void aChangedTokenFileIsReadAgainAndABrokenOneIsRefused() throws Exception {
    String added = ApiToken.generate();
    Files.writeString(
        tokenFile,
        "\n" + TokenFile.line(new TokenEntry("new", Role.ADMIN, ApiToken.hash(added), "")),
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(filter.tokens().reload()).isEqualTo(5);
    assertThat(post("/admin/purge", added).statusCode()).isEqualTo(202);
    Files.writeString(tokenFile, "garbage line\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> filter.tokens().reload())
        .hasMessageContaining("line 1");
    assertThat(post("/admin/purge", added).statusCode()).as("tokens in force stay").isEqualTo(202);
  }

  private java.util.Map<String, Long> denials() {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    metrics.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("modmirror.http.denied"))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .forEach(
            p ->
                out.merge(
                    p.getAttributes()
                        .get(
                            io.opentelemetry.api.common.AttributeKey.stringKey("modmirror.reason")),
                    p.getValue(),
                    Long::sum));
    return out;
  }

  private HttpResponse<String> post(String path, String token) throws Exception {
    return send(req(path).header("Authorization", "Bearer " + token).POST(empty()));
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return send(req(path).header("Authorization", "Bearer " + token));
  }

  private HttpResponse<String> basic(String path, String userColonPassword) throws Exception {
    String encoded =
        java.util.Base64.getEncoder()
            .encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    return send(req(path).header("Authorization", "Basic " + encoded));
  }

  private static HttpRequest.BodyPublisher empty() {
    return HttpRequest.BodyPublishers.ofString("", StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder req(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path));
  }
}
