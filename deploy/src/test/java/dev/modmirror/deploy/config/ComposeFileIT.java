package dev.modmirror.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose loads as docker compose loads it (compose-go: the compose-spec schema, .env
 * interpolation, required variables), with the services production has, warmers scalable, secrets
 * only from .env, and only MODMIRROR_ variables that the code reads.
 */
class ComposeFileIT {
  private static final Path COMPOSE = ConfigNames.root().resolve("deploy/compose");

  /** Service name to its loader line. */
  private static Map<String, String> services(DeployTool.Run r) {
    Map<String, String> services = new TreeMap<>();
    r.stdout()
        .lines()
        .filter(l -> l.startsWith("service "))
        .forEach(l -> services.put(l.split(" ")[1], l));
    return services;
  }

  @Test
  void loadsWithEveryPartAndScalableWarmers() {
    DeployTool.Run r = DeployTool.get().compose(COMPOSE);
    assertThat(r.ok()).as("compose-go: %s", r.stderr()).isTrue();
    Map<String, String> services = services(r);
    assertThat(services.keySet())
        .containsExactlyInAnyOrder(
            "kafka",
            "minio-primary",
            "minio-eu",
            "minio-us",
            "otel-collector",
            "jaeger",
            "prometheus",
            "grafana",
            "topics",
            "ingest",
            "warmer",
            "replicator-eu",
            "replicator-us",
            "serve-eu",
            "serve-us");
    assertThat(services.get("warmer")).contains("scalable=true");
    Set<String> unknown = new TreeSet<>();
    Set<String> read = ConfigNames.read();
    ConfigNames.setIn(r.stdout()).stream()
        .filter(n -> !ConfigNames.known(read, n))
        .forEach(unknown::add);
    assertThat(unknown).as("set by compose, read by no code").isEmpty();
  }

  @Test
  void takesEverySecretFromTheEnvFile() throws IOException {
    List<String> secretLines =
        Files.readAllLines(COMPOSE.resolve("docker-compose.yml")).stream()
            .filter(l -> l.matches("\\s+[A-Z_]*(SECRET|PASSWORD)[A-Z_]*:.*"))
            .toList();
    assertThat(secretLines).isNotEmpty().allSatisfy(l -> assertThat(l).contains("${"));
  }

  @Test
  void refusesAMisspelledKeyAndAMissingSecret(@TempDir Path dir) throws IOException {
    String compose = Files.readString(COMPOSE.resolve("docker-compose.yml"));
    Files.writeString(
        dir.resolve("docker-compose.yml"),
        compose.replace("    command: [\"warmer\"]", "    comand: [\"warmer\"]"));
    Files.writeString(dir.resolve(".env"), Files.readString(COMPOSE.resolve(".env")));
    DeployTool.Run typo = DeployTool.get().compose(dir);
    assertThat(typo.ok()).isFalse();
    assertThat(typo.stderr()).contains("services.warmer.comand false schema");

    Files.writeString(dir.resolve("docker-compose.yml"), compose);
    Files.writeString(dir.resolve(".env"), "MINIO_PRIMARY_PASSWORD=x\n");
    DeployTool.Run missing = DeployTool.get().compose(dir);
    assertThat(missing.ok()).isFalse();
    assertThat(missing.stderr()).contains("required variable MINIO_EU_PASSWORD is missing a value");
  }
}
