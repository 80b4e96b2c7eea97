package dev.modmirror.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.http.HttpService;
import dev.modmirror.adapters.http.RequestFilter;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ForwardingModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.ObjectStat;
import dev.modmirror.core.store.StoredObject;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import dev.modmirror.serve.DemandSink;
import dev.modmirror.serve.ServeConfig;
import dev.modmirror.serve.ServeGoproxy;
import dev.modmirror.testkit.evidence.CapturedLogs;
import dev.modmirror.testkit.evidence.Counters;
import dev.modmirror.testkit.memory.InMemoryEventBus;
import dev.modmirror.testkit.memory.InMemoryModuleStore;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Serve over real HTTP, sent byte for byte on a socket (no client library normalizes the path):
 * hostile paths are answered 400 or 404 by the named rule and read nothing; methods other than GET
 * and HEAD are 405; HEAD has the length and no body; a client that goes away mid-zip costs its
 * connection only.
 */
class GoproxyHttpTest {
  private static final ModuleRef REF = ModuleRef.of("github.com/BurntSushi/toml", "v1.4.0");
  private static final int ZIP_BYTES = 8 << 20;

  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private final InMemoryModuleStore memory = InMemoryModuleStore.create("eu");
  private final List<String> readKeys = new CopyOnWriteArrayList<>();
  private final CountDownLatch zipClosed = new CountDownLatch(1);
  private final AtomicLong zipBytesRead = new AtomicLong();
  private final InMemoryEventBus bus = InMemoryEventBus.create();
  private HttpService http;

  @BeforeEach
  void start() {
    byte[] zip = new byte[ZIP_BYTES];
    memory.save(
        REF,
        new VersionFiles(
            "module github.com/BurntSushi/toml\n".getBytes(StandardCharsets.UTF_8),
            new ByteArrayInputStream(zip),
            zip.length,
            "{\"Version\":\"v1.4.0\"}".getBytes(StandardCharsets.UTF_8),
            new VersionHashes(
                "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")));
    ForwardingModuleStore watched =
        new ForwardingModuleStore(memory) {
          @Override
          public Optional<StoredObject> read(ModuleRef ref, Artifact artifact) {
            readKeys.add(ObjectKeys.artifact(ref, artifact));
            return super.read(ref, artifact).map(o -> artifact == Artifact.ZIP ? watch(o) : o);
          }

          @Override
          public Optional<String> readList(ModulePath path) {
            readKeys.add(ObjectKeys.list(path));
            return super.readList(path);
          }
        };
    ServeGoproxy serve =
        new ServeGoproxy(
            watched,
            Optional.empty(),
            bus,
            DemandSink.NONE,
            otel.getOpenTelemetry(),
            ServeConfig.defaults(),
            Clock.systemUTC());
    http =
        GoproxyHttp.start(
            serve,
            new InetSocketAddress("127.0.0.1", 0),
            RequestFilter.NONE,
            otel.getOpenTelemetry());
  }

  @AfterEach
  void stop() {
    http.close();
    bus.close();
  }

  @Test
  void servesAVersionWithLengthTagAndImmutableCaching() throws IOException {
    String answer = exchange("GET /github.com/%21burnt%21sushi/toml/@v/v1.4.0.info HTTP/1.1");

    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer).containsIgnoringCase("content-length: 20");
    assertThat(answer).containsIgnoringCase("etag: \"");
    assertThat(answer).containsIgnoringCase("cache-control: public, max-age=31536000, immutable");
    assertThat(answer).endsWith("{\"Version\":\"v1.4.0\"}");
  }

  @Test
  void everyHostilePathIsRefusedByItsRuleCountedLoggedAndReadsNothing() throws IOException {
    List<String[]> cases =
        List.of(
            new String[] {"/../../etc/passwd", "400", "dot-segment"},
            new String[] {"/%2e%2e/%2e%2e/etc/passwd", "400", "dot-segment"},
            new String[] {"/%2E%2E%2F%2E%2E%2Fetc/passwd", "400", "encoded-separator"},
            new String[] {"/github.com%2F..%2F..%2Fetc/@v/list", "400", "encoded-separator"},
            new String[] {"/github.com/a%5c..%5c..%5cetc/@v/list", "400", "encoded-separator"},
            new String[] {"/github.com/a%252e%252e/@v/list", "400", "encoded-separator"},
            new String[] {"/github.com/BurntSushi/toml/@v/v1.4.0.zip", "400", "bad-module-path"},
            new String[] {"/github.com/burntsushi/TOML/@v/list", "400", "bad-module-path"},
            new String[] {"/github.com/a/./b/@v/list", "400", "dot-segment"},
            new String[] {"/github.com/a%00/@v/list", "400", "not-printable-ascii"},
            new String[] {"/example.com/" + "a".repeat(2000) + "/@v/list", "400", "too-long"},
            new String[] {"/favicon.ico", "404", "not-goproxy"},
            new String[] {"/etc/passwd", "404", "not-goproxy"});
    String token = "serve-reader-token-3d9e";
    Map<String, Long> expected = new TreeMap<>();
    try (CapturedLogs logs = CapturedLogs.start()) {
      for (String[] c : cases) {
        String answer = exchange("GET " + c[0] + " HTTP/1.1", "Authorization: Bearer " + token);
        assertThat(answer).as(c[0]).startsWith("HTTP/1.1 " + c[1]);
        expected.merge(c[2], 1L, Long::sum);
      }
      assertThat(readKeys).isEmpty();
      assertThat(refusedCount()).isEqualTo(cases.size());
      for (Map.Entry<String, Long> rule : expected.entrySet()) {
        assertThat(
                Counters.sum(
                    otel.getMetrics(),
                    "modmirror.serve.refused",
                    Map.of("modmirror.rule", rule.getKey())))
            .as(rule.getKey())
            .isEqualTo(rule.getValue());
      }
      logs.assertRefusalLoggedWithout(
          List.of("refused dot-segment: /../../etc/passwd"), List.of(token));
      assertThat(logs.text()).as("404s are not logged at INFO").doesNotContain("favicon.ico");
    }
  }

  @Test
  void aRawBackslashIsRefusedBeforeServeSeesIt() throws IOException {
    String answer = exchange("GET /github.com/a\\..\\..\\etc/@v/list HTTP/1.1");

    // The JDK server refuses the request line itself, or serve refuses the backslash: 400 both.
    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(readKeys).isEmpty();
  }

  @Test
  void methodsOtherThanGetAndHeadAre405WithAllow() throws IOException {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      String answer =
          exchange(method + " /github.com/%21burnt%21sushi/toml/@v/v1.4.0.info HTTP/1.1");
      assertThat(answer).as(method).startsWith("HTTP/1.1 405");
      assertThat(answer).containsIgnoringCase("allow: GET, HEAD");
    }
    assertThat(readKeys).isEmpty();
  }

  @Test
  void headGivesTheLengthAndNoBody() throws IOException {
    String answer = exchange("HEAD /github.com/%21burnt%21sushi/toml/@v/v1.4.0.zip HTTP/1.1");

    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(answer).containsIgnoringCase("content-length: " + ZIP_BYTES);
    assertThat(answer).endsWith("\r\n\r\n");
  }

  @Test
  void aClientThatGoesAwayMidZipCostsOnlyItsConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", http.port())) {
      socket
          .getOutputStream()
          .write(request("GET /github.com/%21burnt%21sushi/toml/@v/v1.4.0.zip HTTP/1.1"));
      socket.getInputStream().readNBytes(64 * 1024);
    } // gone after 64 KiB of 8 MiB

    assertThat(zipClosed.await(30, TimeUnit.SECONDS)).as("the store's stream closed").isTrue();
    assertThat(zipBytesRead.get()).isLessThan(ZIP_BYTES);
    assertThat(exchange("GET /github.com/%21burnt%21sushi/toml/@v/list HTTP/1.1"))
        .startsWith("HTTP/1.1 200");
  }

  private StoredObject watch(StoredObject object) {
    InputStream counted =
        new FilterInputStream(object.content()) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              zipBytesRead.addAndGet(n);
            }
            return n;
          }

          @Override
          public void close() throws IOException {
            super.close();
            zipClosed.countDown();
          }
        };
    return new StoredObject(counted, new ObjectStat(object.stat().size(), object.stat().etag()));
  }

  private long refusedCount() {
    return otel.getMetrics().stream()
        .filter(m -> m.getName().equals("modmirror.serve.refused"))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .mapToLong(LongPointData::getValue)
        .sum();
  }

  /** Sends one request line (Connection: close) and reads the whole answer as text. */
  private String exchange(String requestLine, String... headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", http.port())) {
      socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(request(requestLine, headers));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static byte[] request(String requestLine, String... headers) {
    StringBuilder extra = new StringBuilder();
    for (String h : headers) {
      extra.append(h).append("\r\n");
    }
    return (requestLine + "\r\nHost: 127.0.0.1\r\n" + extra + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
