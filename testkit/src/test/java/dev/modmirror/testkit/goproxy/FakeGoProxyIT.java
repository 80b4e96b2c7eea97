package dev.modmirror.testkit.goproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import dev.modmirror.testkit.http.LoggedRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeGoProxyIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeGoProxy proxy = FakeGoProxy.start();
  private final BuiltModule v1 =
      ModuleBuilder.module("example.com/BigCo/x")
          .version("v1.0.0")
          .file("x.go", "package x\n")
          .build();
  private final BuiltModule v2 =
      ModuleBuilder.module("example.com/BigCo/x").version("v1.2.0").build();
  private final BuiltModule pseudo =
      ModuleBuilder.module("example.com/BigCo/x")
          .version("v1.3.0-0.20260101000000-abcdefabcdef")
          .build();

  @AfterEach
  void close() {
    proxy.close();
  }

  @Test
  void servesAllEndpointsWithCaseEncodedPaths() throws Exception {
    proxy.add(v1).add(v2).add(pseudo);
    assertThat(get("/example.com/!big!co/x/@v/list").body()).isEqualTo("v1.0.0\nv1.2.0\n");
    assertThat(get("/example.com/!big!co/x/@latest").body())
        .isEqualTo(new String(v2.info(), StandardCharsets.UTF_8));
    assertThat(get("/example.com/!big!co/x/@v/v1.0.0.info").body()).contains("\"v1.0.0\"");
    assertThat(get("/example.com/!big!co/x/@v/v1.0.0.mod").body())
        .isEqualTo("module example.com/BigCo/x\n");
    assertThat(getBytes("/example.com/!big!co/x/@v/v1.0.0.zip").body()).isEqualTo(v1.zip());
  }

  @Test
  void acceptsPercentEncodedCaseEscapesAsGoSendsThem() throws Exception {
    proxy.add(v1);
    proxy.inject(Match.list(v1.ref().path()), Fault.status(503), 1);
    assertThat(get("/example.com/%21big%21co/x/@v/list").statusCode()).isEqualTo(503);
    assertThat(get("/example.com/%21big%21co/x/@v/list").body()).isEqualTo("v1.0.0\n");
    assertThat(proxy.count("/example.com/!big!co/x/@v/list")).isEqualTo(2);
  }

  @Test
  void answers404ForUnknownModulesVersionsAndRawUpperCase() throws Exception {
    proxy.add(v1);
    assertThat(get("/example.com/other/@v/list").statusCode()).isEqualTo(404);
    assertThat(get("/example.com/!big!co/x/@v/v9.9.9.zip").statusCode()).isEqualTo(404);
    assertThat(get("/example.com/BigCo/x/@v/list").statusCode()).isEqualTo(404);
    assertThat(proxy.requests()).extracting(LoggedRequest::status).containsExactly(404, 404, 404);
  }

  @Test
  void injectsStatusForTheNextRequestsOnlyThenServes() throws Exception {
    proxy.add(v1);
    proxy.inject(Match.artifact(v1.ref(), Artifact.ZIP), Fault.status(503), 2);
    String zip = "/example.com/!big!co/x/@v/v1.0.0.zip";
    assertThat(get(zip).statusCode()).isEqualTo(503);
    assertThat(get("/example.com/!big!co/x/@v/v1.0.0.mod").statusCode()).isEqualTo(200);
    assertThat(get(zip).statusCode()).isEqualTo(503);
    assertThat(getBytes(zip).body()).isEqualTo(v1.zip());
    assertThat(proxy.count(zip)).isEqualTo(3);
  }

  @Test
  void injectsGoneAndServerErrorUntilCleared() throws Exception {
    proxy.add(v1);
    proxy.inject(Match.version(v1.ref()), Fault.status(410));
    proxy.inject(Match.list(v1.ref().path()), Fault.status(500));
    assertThat(get("/example.com/!big!co/x/@v/v1.0.0.info").statusCode()).isEqualTo(410);
    assertThat(get("/example.com/!big!co/x/@v/v1.0.0.info").statusCode()).isEqualTo(410);
    assertThat(get("/example.com/!big!co/x/@v/list").statusCode()).isEqualTo(500);
    proxy.clearFaults();
    assertThat(get("/example.com/!big!co/x/@v/v1.0.0.info").statusCode()).isEqualTo(200);
  }

  @Test
  void truncatesBodyBelowDeclaredLength() {
    proxy.add(v1);
    proxy.inject(Match.artifact(v1.ref(), Artifact.ZIP), Fault.truncate(), 1);
    assertThatThrownBy(() -> getBytes("/example.com/!big!co/x/@v/v1.0.0.zip"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void corruptsOrReplacesBodies() throws Exception {
    proxy.add(v1);
    ModuleRef ref = v1.ref();
    proxy.inject(Match.artifact(ref, Artifact.ZIP), Fault.corrupt(), 1);
    proxy.inject(
        Match.artifact(ref, Artifact.MOD),
        Fault.body("module evil.com/x\n".getBytes(StandardCharsets.UTF_8)),
        1);
    byte[] corrupted = getBytes("/example.com/!big!co/x/@v/v1.0.0.zip").body();
    assertThat(corrupted).hasSameSizeAs(v1.zip()).isNotEqualTo(v1.zip());
    assertThat(get("/example.com/!big!co/x/@v/v1.0.0.mod").body()).isEqualTo("module evil.com/x\n");
  }

  @Test
  void delaysMatchedRequests() throws Exception {
    proxy.add(v1);
    proxy.inject(Match.latest(v1.ref().path()), Fault.latency(Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    assertThat(get("/example.com/!big!co/x/@latest").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getBytes(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(proxy.baseUrl().resolve(path))
        .timeout(Duration.ofSeconds(10))
        .build();
  }
}
