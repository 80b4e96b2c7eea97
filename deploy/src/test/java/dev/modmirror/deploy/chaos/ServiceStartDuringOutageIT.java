package dev.modmirror.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.embedded.kafka.EmbeddedKafka;
import dev.modmirror.embedded.s3.EmbeddedS3;
import dev.modmirror.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's unscheduled exit: a warmer that chaos restarted just before the primary bucket
 * answered 503 SlowDown passed its dependency probe (the store answered), then failed to open the
 * bucket and exited 3 ({@code store primary: create bucket chaos-primary failed: ServerException:
 * server failed with HTTP status code 503}). A store answering 5xx now counts as not answering at
 * the probe, and a transient condition that comes after the probe is waited out by the start itself
 * ({@code DependencyWaitTest}); a refusal (credentials) still stops the service at once. The warmer
 * is a real {@code modmirror warmer} JVM, as in the chaos run.
 */
class ServiceStartDuringOutageIT {
  private static final String SECRET = "outage-secret-key";
  private static Path dir;
  private static EmbeddedKafka kafka;
  private static EmbeddedS3 s3;

  @BeforeAll
  static void startServers() throws Exception {
    dir = TempDirs.create("start-outage-");
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    s3 = EmbeddedS3.start(dir.resolve("s3"), "outage", SECRET);
  }

  @AfterAll
  static void stopServers() {
    s3.close();
    kafka.close();
    TempDirs.deleteTree(dir);
  }

  @Test
  void aWarmerStartedWhileThePrimaryAnswers503WaitsAndStartsWhenItRecovers() throws Exception {
    try (TcpFront front = TcpFront.start(s3.endpoint())) {
      front.mode(TcpFront.Mode.SLOW_DOWN);
      try (ChildService warmer = warmer("warmer-throttled", front, SECRET)) {
        warmer.start();
        awaitLog(warmer, "answers HTTP 503");
        assertThat(Files.readString(warmer.log()))
            .contains("warmer: dependency s3 primary unreachable")
            .contains("not serving yet")
            .contains("(not ready until then)");
        assertThat(warmer.alive()).as("exited: %s", tail(warmer)).isTrue();

        front.mode(TcpFront.Mode.UP);
        awaitLog(warmer, "warmer: every dependency answers now; starting");
        Thread.sleep(2_000);
        assertThat(warmer.alive()).as("exited: %s", tail(warmer)).isTrue();
      }
    }
  }

  @Test
  void aWarmerWhoseCredentialsTheStoreRefusesStillStopsAtOnce() throws Exception {
    try (TcpFront front = TcpFront.start(s3.endpoint());
        ChildService warmer = warmer("warmer-refused", front, "not-the-secret-key")) {
      warmer.start();
      int exit = warmer.awaitExit(120);
      assertThat(exit).as(tail(warmer)).isEqualTo(1);
      assertThat(UnexpectedExits.reason(warmer.log(), 0))
          .startsWith("modmirror warmer: store primary: create bucket chaos-primary failed");
      assertThat(Files.readString(warmer.log()))
          .doesNotContain("start failed on a transient condition");
    }
  }

  private static ChildService warmer(String name, TcpFront front, String secret) {
    S3Config primary =
        new S3Config(front.endpoint(), "outage", secret, "chaos-primary", "us-east-1");
    Map<String, String> env =
        new LinkedHashMap<>(Deployment.variables(kafka.bootstrapServers(), primary, Map.of()));
    env.put("MODMIRROR_UPSTREAM", "off");
    env.put("MODMIRROR_GOSUMDB", "off");
    env.put("MODMIRROR_WARMER_SPOOL_DIR", dir.resolve("spool").toString());
    return new ChildService(name, env, dir.resolve("logs"), "warmer");
  }

  /** Waits (hang guard: two minutes) for a log line containing {@code text}. */
  private static void awaitLog(ChildService service, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(service.log()) && Files.readString(service.log()).contains(text)) {
        return;
      }
      assertThat(service.alive())
          .as("exited before logging '%s': %s", text, tail(service))
          .isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("no log line with '" + text + "': " + tail(service));
  }

  private static String tail(ChildService service) throws Exception {
    String log = Files.readString(service.log());
    return log.substring(Math.max(0, log.length() - 3000));
  }
}
