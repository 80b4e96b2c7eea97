package dev.modmirror.deploy.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentTest {
  private static final Map<String, String> VALID =
      Map.ofEntries(
          Map.entry("MODMIRROR_KAFKA_BOOTSTRAP", "kafka-0:9092,kafka-1:9092"),
          Map.entry("MODMIRROR_S3_ENDPOINT", "http://minio:9000"),
          Map.entry("MODMIRROR_S3_ACCESS_KEY", "mirror"),
          Map.entry("MODMIRROR_S3_SECRET_KEY", "s3cr3t-value"),
          Map.entry("MODMIRROR_REGIONS", "eu-west,us"),
          Map.entry("MODMIRROR_REGION_EU_WEST_ENDPOINT", "https://s3.eu.example"),
          Map.entry("MODMIRROR_REGION_EU_WEST_ACCESS_KEY", "eu"),
          Map.entry("MODMIRROR_REGION_EU_WEST_SECRET_KEY", "eu-secret"),
          Map.entry("MODMIRROR_REGION_EU_WEST_BUCKET", "mirror-eu"),
          Map.entry("MODMIRROR_REGION_US_ENDPOINT", "https://s3.us.example"),
          Map.entry("MODMIRROR_REGION_US_ACCESS_KEY", "us"),
          Map.entry("MODMIRROR_REGION_US_SECRET_KEY", "us-secret"),
          Map.entry("GOPROXY", "https://goproxy.internal,direct"),
          Map.entry("GOPRIVATE", "corp.example.com"));

  @Test
  void readsEverySettingFromTheEnvironment() {
    Deployment d = Deployment.from(VALID, "modmirror-warmer");

    assertThat(d.kafka().bootstrapServers()).isEqualTo("kafka-0:9092,kafka-1:9092");
    assertThat(d.primary().bucket()).isEqualTo("modmirror");
    assertThat(d.regions()).containsOnlyKeys("eu-west", "us");
    assertThat(d.regions().get("eu-west").bucket()).isEqualTo("mirror-eu");
    assertThat(d.goEnv().goprivate()).isEqualTo("corp.example.com");
    assertThat(d.telemetry().serviceName()).isEqualTo("modmirror-warmer");
    assertThat(d.warmer().maxAttempts()).isEqualTo(5);
  }

  @Test
  void conditionalWritesAreRequiredUnlessEveryBucketIsExplicitlyAllowedToRunWithout() {
    assertThat(Deployment.from(VALID, "x").primary().allowUnsafeCas()).isFalse();
    var env = new java.util.HashMap<>(VALID);
    env.put("MODMIRROR_S3_ALLOW_UNSAFE_CAS", "TRUE");

    Deployment d = Deployment.from(env, "x");

    assertThat(d.primary().allowUnsafeCas()).isTrue();
    assertThat(d.regions().values()).allMatch(r -> r.allowUnsafeCas());
    env.put("MODMIRROR_S3_ALLOW_UNSAFE_CAS", "yes");
    assertThatThrownBy(() -> Deployment.from(env, "x"))
        .hasMessageContaining("MODMIRROR_S3_ALLOW_UNSAFE_CAS: 'yes' is not true or false");
  }

  @Test
  void athensLayoutsApplyToEveryBucketAndAnUnknownOneIsAProblem() {
    assertThat(Deployment.from(VALID, "x").primary().athensLayouts()).isEmpty();
    var env = new java.util.HashMap<>(VALID);
    env.put("MODMIRROR_ATHENS_LAYOUT", "minio");

    Deployment d = Deployment.from(env, "x");

    assertThat(d.primary().athensLayouts()).extracting(l -> l.name()).containsExactly("minio");
    assertThat(d.regions().get("us").athensLayouts()).hasSize(1);
    env.put("MODMIRROR_ATHENS_LAYOUT", "disk");
    assertThatThrownBy(() -> Deployment.from(env, "x"))
        .hasMessageContaining("unknown Athens layout 'disk'");
  }

  @Test
  void variablesAreReadBackAsTheSameBrokerAndBuckets() {
    Deployment d = Deployment.from(VALID, "x");

    Deployment again =
        Deployment.from(Deployment.variables("kafka-0:9092", d.primary(), d.regions()), "x");

    assertThat(again.kafka().bootstrapServers()).isEqualTo("kafka-0:9092");
    assertThat(again.primary()).isEqualTo(d.primary());
    assertThat(again.regions()).isEqualTo(d.regions());
    assertThat(again.regions().keySet()).containsExactly("eu-west", "us");
  }

  @Test
  void modmirrorUpstreamOverridesGoproxy() {
    var env = new java.util.HashMap<>(VALID);
    env.put("MODMIRROR_UPSTREAM", "file:///srv/goproxy");

    assertThat(Deployment.from(env, "x").goEnv().goproxy().toString())
        .contains("file:///srv/goproxy");
  }

  @Test
  void modmirrorPrefixedGoVariablesOverrideTheGoCommands() {
    var env = new java.util.HashMap<>(VALID);
    env.put("GOSUMDB", "sum.golang.org");
    env.put("MODMIRROR_GOSUMDB", "off");
    env.put("MODMIRROR_GOPRIVATE", "git.corp.example");

    Deployment d = Deployment.from(env, "x");

    assertThat(d.goEnv().gosumdb()).isEqualTo("off");
    assertThat(d.goEnv().goprivate()).isEqualTo("git.corp.example");
  }

  @Test
  void reportsEveryProblemAtOnceWithoutEchoingSecrets() {
    var env = new java.util.HashMap<>(VALID);
    env.remove("MODMIRROR_KAFKA_BOOTSTRAP");
    env.put("MODMIRROR_S3_ENDPOINT", "ftp://minio");
    env.put("MODMIRROR_WARMER_MAX_ATTEMPTS", "zero");
    env.put("MODMIRROR_REGIONS", "eu-west,Bad_Name");

    assertThatThrownBy(() -> Deployment.from(env, "x"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .anyMatch(p -> p.contains("MODMIRROR_KAFKA_BOOTSTRAP"))
                  .anyMatch(p -> p.contains("ftp://minio"))
                  .anyMatch(p -> p.contains("MODMIRROR_WARMER_MAX_ATTEMPTS"))
                  .anyMatch(p -> p.contains("Bad_Name"));
              assertThat(e.getMessage()).doesNotContain("s3cr3t-value", "eu-secret", "us-secret");
            });
  }
}
