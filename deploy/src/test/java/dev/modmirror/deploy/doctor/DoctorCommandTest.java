package dev.modmirror.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modmirror.core.sumdb.SumDbSettings;
import dev.modmirror.deploy.ExitCodes;
import dev.modmirror.deploy.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code modmirror doctor} against a deployment whose every endpoint is a closed loopback port: it
 * names each dependency as unreachable and exits 3. The bound (20 s) is the hang guard: the
 * checks run in parallel, each bounded by {@code --timeout}.
 */
class DoctorCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void namesEveryUnreachableDependencyAndExitsThree() throws Exception {
    Map<String, String> env = unreachable();
    Run run = doctor(env, "--json", "--timeout", "PT3S");

    assertThat(run.code()).as(run.out()).isEqualTo(ExitCodes.UNREACHABLE);
    Map<String, JsonNode> rows = new HashMap<>();
    JSON.readTree(run.out()).forEach(r -> rows.put(r.get("check").asText(), r));
    assertThat(rows).containsKeys("kafka", "s3 primary", "s3 region eu", "sumdb", "otlp");
    String upstream = "upstream " + env.get("MODMIRROR_UPSTREAM");
    assertThat(rows).containsKey(upstream);
    for (String check : new String[] {"kafka", "s3 primary", "s3 region eu", "sumdb", "otlp"}) {
      assertThat(rows.get(check).get("status").asText()).as(check).isEqualTo("unreachable");
      assertThat(rows.get(check).get("hint").asText()).as(check).isNotBlank();
    }
    assertThat(rows.get("kafka").get("detail").asText())
        .contains(env.get("MODMIRROR_KAFKA_BOOTSTRAP"));
    assertThat(rows.get(upstream).get("status").asText()).isEqualTo("unreachable");
    assertThat(run.out()).doesNotContain("doctor-secret");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void printsATableOfCheckStatusLatencyAndHint() throws Exception {
    Run run = doctor(unreachable(), "--timeout", "PT3S");

    assertThat(run.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.out().lines().findFirst().orElseThrow())
        .matches("CHECK +STATUS +LATENCY +DETAIL / HINT");
    assertThat(run.out())
        .containsPattern("(?m)^kafka +unreachable +\\d+ ms +.*→ check MODMIRROR_KAFKA_BOOTSTRAP");
  }

  @Test
  void invalidSettingsExitTwoListingEveryProblem() {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_S3_ENDPOINT", "ftp://nowhere");
    CommandLine cmd = commandLine(env, new ByteArrayOutputStream());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    cmd.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));

    assertThat(cmd.execute()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("MODMIRROR_KAFKA_BOOTSTRAP");
  }

  private static Map<String, String> unreachable() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("MODMIRROR_KAFKA_BOOTSTRAP", "127.0.0.1:" + closedPort());
    env.put("MODMIRROR_S3_ENDPOINT", "http://127.0.0.1:" + closedPort());
    env.put("MODMIRROR_S3_ACCESS_KEY", "doctor");
    env.put("MODMIRROR_S3_SECRET_KEY", "doctor-secret");
    env.put("MODMIRROR_REGIONS", "eu");
    env.put("MODMIRROR_REGION_EU_ENDPOINT", "http://127.0.0.1:" + closedPort());
    env.put("MODMIRROR_REGION_EU_ACCESS_KEY", "doctor-eu");
    env.put("MODMIRROR_REGION_EU_SECRET_KEY", "doctor-secret-eu");
    env.put("MODMIRROR_REGION_EU_BUCKET", "mirror-eu");
    env.put("MODMIRROR_UPSTREAM", "http://127.0.0.1:" + closedPort());
    env.put(
        "MODMIRROR_GOSUMDB",
        SumDbSettings.SUM_GOLANG_ORG_KEY + " http://127.0.0.1:" + closedPort());
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort());
    return env;
  }

  /** A loopback port that was free a moment ago: nothing listens there. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Run doctor(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = commandLine(env, out).execute(args);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private static CommandLine commandLine(Map<String, String> env, ByteArrayOutputStream out) {
    DoctorCommand doctor = new DoctorCommand();
    doctor.env = env;
    doctor.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    return Launcher.withErrorHandling(new CommandLine(doctor));
  }

  private record Run(int code, String out) {}
}
