package dev.modmirror.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench S3 server's latency, which {@code bench replicate --region-latency-ms} relies on to put
 * modmirror and rclone behind the same remote regions: every request, of every kind, is answered no
 * sooner than the latency after it was sent. Needs the go command (the server is built by it).
 */
class GoS3ServerIT {
  private static final Duration LATENCY = Duration.ofMillis(300);

  @TempDir Path dir;

  @Test
  void answersEveryRequestNoSoonerThanItsLatency() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (GoS3Server server = GoS3Server.start("bench", LATENCY, dir.resolve("s3.log"))) {
      URI object = server.endpoint().resolve("/bench/m/@v/v1.0.0.zip");
      List<HttpRequest> requests =
          List.of(
              HttpRequest.newBuilder(object).PUT(HttpRequest.BodyPublishers.ofString("z")).build(),
              HttpRequest.newBuilder(object).GET().build(),
              HttpRequest.newBuilder(object)
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpRequest.newBuilder(server.endpoint().resolve("/bench/missing")).GET().build(),
              HttpRequest.newBuilder(server.endpoint().resolve("/bench?prefix=m/")).GET().build());
      for (HttpRequest request : requests) {
        long sent = System.nanoTime();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(took)
            .as("%s %s", request.method(), request.uri())
            .isGreaterThanOrEqualTo(LATENCY);
        assertThat(answer.statusCode())
            .as("%s %s", request.method(), request.uri())
            .isEqualTo(request.uri().getPath().endsWith("missing") ? 404 : 200);
      }
    }
  }

  @Test
  void refusesANegativeLatency() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> GoS3Server.start("bench", Duration.ofMillis(-1), dir.resolve("s3.log")));
  }
}
