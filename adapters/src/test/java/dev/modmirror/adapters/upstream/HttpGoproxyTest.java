package dev.modmirror.adapters.upstream;

import static dev.modmirror.adapters.upstream.LoopbackHttp.bytes;
import static dev.modmirror.adapters.upstream.LoopbackHttp.chunked;
import static dev.modmirror.adapters.upstream.LoopbackHttp.delayed;
import static dev.modmirror.adapters.upstream.LoopbackHttp.redirect;
import static dev.modmirror.adapters.upstream.LoopbackHttp.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpGoproxyTest {
  private static final ModuleRef REF = ModuleRef.of("github.com/Azure/go-x", "v1.2.3");
  private static final String ZIP_PATH = "/github.com/!azure/go-x/@v/v1.2.3.zip";
  private static final String MOD_PATH = "/github.com/!azure/go-x/@v/v1.2.3.mod";
  private static final UpstreamConfig CONFIG =
      UpstreamConfig.defaults()
          .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
          .withCaps(1000, 100);

  private LoopbackHttp server;

  @BeforeEach
  void start() throws IOException {
    server = new LoopbackHttp();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpGoproxy proxy(URI base) {
    return new HttpGoproxy(base, CONFIG, HttpGoproxy.newClient(CONFIG));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void fetchesCaseEncodedPathsBelowTheBasePathAsTheGoCommandSendsThem() throws IOException {
    byte[] zip = "zip bytes".getBytes(StandardCharsets.UTF_8);
    server.on("/base" + ZIP_PATH, bytes(zip));
    HttpGoproxy proxy = proxy(server.base().resolve("/base/"));

    assertThat(readAll(proxy.open(REF, Artifact.ZIP))).isEqualTo(zip);
    LoopbackHttp.Seen request = server.seen.get(0);
    assertThat(request.rawPath()).isEqualTo("/base/github.com/%21azure/go-x/@v/v1.2.3.zip");
    assertThat(request.headers().get("User-agent")).containsExactly("modmirror/0.1");
  }

  @Test
  void notFoundAndGoneAreNotFoundWithStatusAndASanitizedExcerpt() {
    String hostile = "gone\u0000\u001b[31m\u202e" + "x".repeat(500);
    server.on(MOD_PATH, status(410, hostile));
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.MOD))
        .isInstanceOf(NotFoundException.class)
        .satisfies(
            e -> {
              String message = e.getMessage();
              assertThat(message).contains(": 410").contains("server response: gone");
              assertThat(message).doesNotContain("\u0000").doesNotContain("\u001b");
              assertThat(message).doesNotContain("\u202e");
              String excerpt = message.substring(message.indexOf("server response: ") + 17);
              assertThat(excerpt.length()).isLessThanOrEqualTo(200);
              assertThat(((ModmirrorException) e).module()).contains("github.com/Azure/go-x");
              assertThat(((ModmirrorException) e).version()).contains("v1.2.3");
            });
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.INFO))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(": 404");
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void overloadAndServerErrorsAreTransient(int status) {
    server.on(MOD_PATH, status(status, "try later"));
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.MOD))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining(": " + status);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 204, 206})
  void otherAnswersArePermanent(int status) {
    server.on(MOD_PATH, status(status, ""));
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.MOD))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("unexpected answer");
  }

  @Test
  void aBodyShorterThanItsContentLengthIsTransientAndTruncated() throws IOException {
    URI lying = LoopbackHttp.lyingContentLength(500, new byte[10]);
    InputStream body = proxy(lying).open(REF, Artifact.ZIP);
    assertThatThrownBy(() -> readAll(body))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("of 500 declared bytes");
  }

  @Test
  void aDeclaredLengthAboveTheCapIsRefusedBeforeReading() {
    server.on(MOD_PATH, bytes(new byte[101]));
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.MOD))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("size cap of 100");
  }

  @Test
  void anUndeclaredBodyAboveTheCapFailsWhileReading() throws IOException {
    server.on(ZIP_PATH, chunked(new byte[1001]));
    InputStream body = proxy(server.base()).open(REF, Artifact.ZIP);
    assertThatThrownBy(() -> readAll(body))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("exceeds the size cap of 1000");
  }

  @Test
  void aBodyExactlyAtTheCapIsServed() throws IOException {
    server.on(ZIP_PATH, chunked(new byte[1000]));
    assertThat(readAll(proxy(server.base()).open(REF, Artifact.ZIP))).hasSize(1000);
  }

  @Test
  void followsSameSchemeRedirectsUpToThree() throws IOException {
    server.on(ZIP_PATH, redirect(302, "/r1"));
    server.on("/r1", redirect(301, server.base() + "/r2"));
    server.on("/r2", redirect(307, "r3"));
    server.on("/r3", bytes(new byte[] {1, 2, 3}));
    assertThat(readAll(proxy(server.base()).open(REF, Artifact.ZIP))).containsExactly(1, 2, 3);

    server.on("/r3", redirect(308, "/r4"));
    server.on("/r4", bytes(new byte[] {1}));
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.ZIP))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("stopped after 3 redirects");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://127.0.0.1/x", "file:///etc/passwd", "ftp://127.0.0.1/x"})
  void refusesRedirectsToAnotherScheme(String location) {
    server.on(ZIP_PATH, redirect(302, location));
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.ZIP))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("refused redirect")
        .hasMessageContaining("to another scheme");
  }

  @Test
  void sendsUserinfoAsBasicAuthAndNeverShowsIt() {
    URI base = URI.create("http://bob:s3cret@127.0.0.1:" + server.base().getPort() + "/p");
    HttpGoproxy proxy = proxy(base);
    assertThatThrownBy(() -> proxy.open(REF, Artifact.MOD))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("bob"));
    assertThat(server.seen.get(0).headers().get("Authorization"))
        .containsExactly("Basic Ym9iOnMzY3JldA==");
    assertThat(proxy.describe()).doesNotContain("s3cret").doesNotContain("bob").contains("xxxxx@");
    assertThat(proxy.toString()).doesNotContain("s3cret");
  }

  @Test
  void refusesRedirectsToAnotherHostUnlessAllowed() throws IOException {
    int port = server.base().getPort();
    server.on(ZIP_PATH, redirect(302, "http://localhost:" + port + "/elsewhere"));
    server.on("/elsewhere", bytes(new byte[] {1, 2, 3}));

    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.ZIP))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("refused redirect")
        .hasMessageContaining("to another host: http://localhost:" + port + "/elsewhere");
    assertThat(server.seen).hasSize(1);

    UpstreamConfig allowing = CONFIG.withRedirectHosts(Set.of("LOCALHOST:" + port));
    HttpGoproxy allowed = new HttpGoproxy(server.base(), allowing, HttpGoproxy.newClient(allowing));
    assertThat(readAll(allowed.open(REF, Artifact.ZIP))).containsExactly(1, 2, 3);
  }

  @Test
  void doesNotSendCredentialsWhereARedirectPointsElsewhere() throws IOException {
    int port = server.base().getPort();
    server.on("/p" + MOD_PATH, redirect(302, "http://localhost:" + port + "/elsewhere"));
    server.on("/elsewhere", bytes("module x\n".getBytes(StandardCharsets.UTF_8)));
    URI base = URI.create("http://bob:s3cret@127.0.0.1:" + port + "/p");
    UpstreamConfig allowing = CONFIG.withRedirectHosts(Set.of("*"));
    HttpGoproxy proxy = new HttpGoproxy(base, allowing, HttpGoproxy.newClient(allowing));
    assertThat(readAll(proxy.open(REF, Artifact.MOD))).isNotEmpty();
    assertThat(server.seen.get(0).headers()).containsKey("Authorization");
    assertThat(server.seen.get(1).headers()).doesNotContainKey("Authorization");
  }

  @Test
  void aBodyThatTricklesPastTheDownloadDeadlineIsCutAsTransient() {
    // A byte every 50 ms never stalls a read for the 500 ms request timeout; 200 bytes would take
    // 10 s, far beyond the 1 s deadline. The message can only come from the deadline.
    server.on(ZIP_PATH, LoopbackHttp.trickle(200, 50));
    UpstreamConfig deadline = CONFIG.withDownloadDeadline(Duration.ofSeconds(1));
    HttpGoproxy proxy = new HttpGoproxy(server.base(), deadline, HttpGoproxy.newClient(deadline));

    assertThatThrownBy(() -> readAll(proxy.open(REF, Artifact.ZIP)))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("took longer than its deadline");
  }

  @Test
  void anEndlessBodyIsCutAtTheSizeCap() {
    server.on(ZIP_PATH, LoopbackHttp.endless());

    assertThatThrownBy(() -> readAll(proxy(server.base()).open(REF, Artifact.ZIP)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("exceeds the size cap of 1000 bytes");
  }

  @Test
  void aHostGetsNoMoreRequestsAtOnceThanItsConnectionLimit() throws Exception {
    server.on(ZIP_PATH, bytes(new byte[] {1}));
    server.on(MOD_PATH, bytes(new byte[] {2}));
    UpstreamConfig one = CONFIG.withHostLimits(1, 0);
    HttpGoproxy proxy = new HttpGoproxy(server.base(), one, HttpGoproxy.newClient(one));
    InputStream held = proxy.open(REF, Artifact.ZIP);
    var second =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return readAll(proxy.open(REF, Artifact.MOD));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });

    // Not a timing assertion: a second request would have been seen by now if it could start.
    Thread.sleep(300);
    assertThat(server.seen).hasSize(1);
    held.close();
    assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(2);
    assertThat(server.seen).hasSize(2);
  }

  @Test
  void headersLateBeyondTheRequestTimeoutAreTransient() {
    server.on(MOD_PATH, delayed(1500, bytes(new byte[1])));
    // "timed out" can only come from our timeout: the server would have answered at 1.5 s.
    // No wall-clock assertion: a loaded CI machine must not turn this into a flaky test.
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.MOD))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void aBodyThatStallsBeyondTheRequestTimeoutIsTransient() throws IOException {
    server.on(ZIP_PATH, LoopbackHttp.stallingBody(new byte[10], 20, 3000));
    InputStream body = proxy(server.base()).open(REF, Artifact.ZIP);
    // "stalled" comes only from our watchdog; the server would have finished after 3 s.
    assertThatThrownBy(() -> readAll(body))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("stalled");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void refusedConnectionsAreTransient() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> proxy(URI.create("http://127.0.0.1:" + port)).open(REF, Artifact.INFO))
        .isInstanceOf(TransientException.class);
  }

  @Test
  void retriesTransientFailuresWhenConfigured() throws IOException {
    int[] calls = {0};
    server.on(
        MOD_PATH,
        ex -> {
          calls[0]++;
          (calls[0] < 3 ? status(503, "busy") : bytes(new byte[] {7})).handle(ex);
        });
    UpstreamConfig retrying = CONFIG.withRetries(2);
    HttpGoproxy proxy = new HttpGoproxy(server.base(), retrying, HttpGoproxy.newClient(retrying));
    assertThat(readAll(proxy.open(REF, Artifact.MOD))).containsExactly(7);
    assertThat(calls[0]).isEqualTo(3);
  }

  @Test
  void listsVersionsAsTheGoCommandReadsThem() {
    String list =
        "v1.1.0\n\nv1.0.0 extra fields\nnot-a-version\nv1.0.0\n"
            + "v0.0.0-20191109021931-daa7c04131f5\n v2.0.0+incompatible \n";
    server.on("/github.com/!azure/go-x/@v/list", bytes(list.getBytes(StandardCharsets.UTF_8)));
    UpstreamConfig roomy = CONFIG.withCaps(1000, 1000);
    HttpGoproxy proxy = new HttpGoproxy(server.base(), roomy, HttpGoproxy.newClient(roomy));
    assertThat(proxy.list(ModulePath.of("github.com/Azure/go-x")))
        .extracting(ModuleVersion::value)
        .containsExactly("v1.0.0", "v1.1.0", "v2.0.0+incompatible");
  }

  @Test
  void aListAboveTheCapIsRefused() {
    byte[] big = new byte[101];
    Arrays.fill(big, (byte) '\n');
    server.on("/github.com/!azure/go-x/@v/list", chunked(big));
    assertThatThrownBy(() -> proxy(server.base()).list(ModulePath.of("github.com/Azure/go-x")))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  void stopsWatchingStreamsThatEndedOrFailed() throws IOException {
    int before = ReadWatchdog.active();
    server.on(ZIP_PATH, bytes(new byte[5]));
    server.on(MOD_PATH, status(500, "boom"));
    readAll(proxy(server.base()).open(REF, Artifact.ZIP));
    assertThatThrownBy(() -> proxy(server.base()).open(REF, Artifact.MOD))
        .isInstanceOf(TransientException.class);
    InputStream unclosed = proxy(server.base()).open(REF, Artifact.ZIP);
    assertThat(unclosed.readAllBytes()).hasSize(5);
    assertThat(ReadWatchdog.active()).isEqualTo(before);
  }

  @Test
  void rejectsNonHttpBases() {
    assertThatThrownBy(() -> proxy(URI.create("file:///srv")))
        .isInstanceOf(dev.modmirror.core.error.InvalidInputException.class);
  }
}
