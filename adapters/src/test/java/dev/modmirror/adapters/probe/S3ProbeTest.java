package dev.modmirror.adapters.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modmirror.adapters.s3.S3Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link S3Probe} reads a store's answers, against a loopback server that answers each request
 * as a test says: a store that answers 5xx is there but not serving, which a start-up waits for
 * (unreachable), not a wrong setting (failed).
 */
class S3ProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String SLOW_DOWN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
          + "<Message>Please reduce your request rate.</Message><Resource>/b/k</Resource>"
          + "<RequestId>1</RequestId><HostId>1</HostId></Error>";

  private HttpServer server;

  /** An answer: status and body (empty for none). */
  private record Answer(int status, String body) {}

  private S3Config serve(Function<HttpExchange, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          Answer answer = answers.apply(exchange);
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          boolean head = exchange.getRequestMethod().equals("HEAD");
          exchange.getResponseHeaders().add("Content-Type", "application/xml");
          exchange.sendResponseHeaders(
              answer.status(), head || body.length == 0 ? -1 : body.length);
          if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new S3Config(endpoint, "probe-key", "probe-secret", "bucket", "us-east-1");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aStoreAnswering503IsWaitedForNotReportedAsASetting() throws IOException {
    S3Config config = serve(e -> new Answer(503, ""));

    Probe reachable = S3Probe.reachable(config, TIMEOUT);
    Probe written = S3Probe.writeReadDelete(config, TIMEOUT);

    for (Probe probe : new Probe[] {reachable, written}) {
      assertThat(probe.status()).isEqualTo(Probe.Status.UNREACHABLE);
      assertThat(probe.detail()).endsWith("bucket bucket: answers HTTP 503, not serving yet");
      assertThat(probe.hint()).doesNotContain("TLS").contains("up but unavailable");
    }
  }

  @Test
  void aSlowDownOnTheProbeWriteIsNotServingEither() throws IOException {
    S3Config config =
        serve(
            e ->
                e.getRequestMethod().equals("HEAD")
                    ? new Answer(200, "")
                    : new Answer(503, SLOW_DOWN));

    Probe written = S3Probe.writeReadDelete(config, TIMEOUT);

    assertThat(written.status()).isEqualTo(Probe.Status.UNREACHABLE);
    assertThat(written.detail()).endsWith(": answers HTTP 503 SlowDown, not serving yet");
  }

  @Test
  void aRefusalIsStillAnAnswerForReachabilityAndAFailureForTheWrite() throws IOException {
    S3Config config = serve(e -> new Answer(403, ""));

    assertThat(S3Probe.reachable(config, TIMEOUT).status()).isEqualTo(Probe.Status.OK);
    Probe written = S3Probe.writeReadDelete(config, TIMEOUT);
    assertThat(written.status()).isEqualTo(Probe.Status.FAILED);
    assertThat(written.detail()).endsWith(": credentials refused (AccessDenied)");
    assertThat(written.line()).doesNotContain("probe-secret");
  }
}
