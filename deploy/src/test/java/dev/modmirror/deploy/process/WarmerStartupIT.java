package dev.modmirror.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modmirror warmer}, in its own JVM, started with a broker and an S3 endpoint that nobody
 * listens on: it logs one line naming each unreachable dependency (the broker's address included),
 * then keeps retrying with backoff instead of staying silent, and stays up. The bound (20
 * s) holds by construction (each probe is bounded by 5 s); the wait below is a hang guard.
 */
class WarmerStartupIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void logsALineNamingTheUnreachableBrokerAndBucketThenKeepsRetrying() throws Exception {
    String broker = "127.0.0.1:" + closedPort();
    String s3 = "http://127.0.0.1:" + closedPort();
    Map<String, String> env =
        Map.of(
            "MODMIRROR_KAFKA_BOOTSTRAP", broker,
            "MODMIRROR_S3_ENDPOINT", s3,
            "MODMIRROR_S3_ACCESS_KEY", "startup",
            "MODMIRROR_S3_SECRET_KEY", "startup-secret",
            "MODMIRROR_WARMER_SPOOL_DIR", dir.resolve("spool").toString(),
            "MODMIRROR_UPSTREAM", "off",
            "MODMIRROR_GOSUMDB", "off");
    try (ServiceProcess warmer =
        ServiceProcess.start("warmer", dir.resolve("logs"), env, "warmer")) {
      JsonNode kafka = awaitLog(warmer, "dependency kafka unreachable", 1);
      assertThat(kafka.get("level").asText()).isEqualTo("ERROR");
      assertThat(kafka.get("formattedMessage").asText())
          .startsWith("warmer: dependency kafka unreachable: ")
          .contains(broker)
          .contains("MODMIRROR_KAFKA_BOOTSTRAP");
      assertThat(
              awaitLog(warmer, "dependency s3 primary unreachable", 1)
                  .get("formattedMessage")
                  .asText())
          .contains(s3);

      // Still retrying, still up: a second round names the broker again.
      awaitLog(warmer, "dependency kafka unreachable", 2);
      assertThat(warmer.isAlive()).isTrue();
      assertThat(String.join("\n", warmer.stderrLines())).doesNotContain("startup-secret");
    }
  }

  /** Waits (hang guard: two minutes) for the {@code nth} JSON log line whose message has this. */
  private static JsonNode awaitLog(ServiceProcess process, String text, int nth) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      Optional<JsonNode> found = nthLine(process.stderrLines(), text, nth);
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(process.isAlive()).as("warmer exited: %s", process.logs()).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("no log line with '" + text + "': " + process.logs());
  }

  private static Optional<JsonNode> nthLine(List<String> lines, String text, int nth)
      throws IOException {
    int seen = 0;
    for (String line : lines) {
      if (line.startsWith("{") && line.contains(text)) {
        JsonNode node = JSON.readTree(line);
        if (node.path("formattedMessage").asText().contains(text) && ++seen == nth) {
          return Optional.of(node);
        }
      }
    }
    return Optional.empty();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
