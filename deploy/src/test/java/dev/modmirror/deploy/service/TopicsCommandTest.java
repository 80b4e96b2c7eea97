package dev.modmirror.deploy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicPlan;
import dev.modmirror.core.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TopicsCommandTest {
  @Test
  void rendersThePlanOfTheSettingsAsStrimziTopicsWithoutContactingKafka() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TopicsCommand command =
        new TopicsCommand(
            Map.of(
                "MODMIRROR_KAFKA_BOOTSTRAP", "nowhere.invalid:9092",
                "MODMIRROR_KAFKA_PARTITIONS", "12",
                "MODMIRROR_KAFKA_REPLICATION", "3"),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(new CommandLine(command).execute("--strimzi", "prod-kafka")).isZero();
    String yaml = out.toString(StandardCharsets.UTF_8);
    var plan = TopicPlan.of(new KafkaBusConfig("k:1", "t", 12, (short) 3, Duration.ofSeconds(1)));
    assertThat(yaml.split("kind: KafkaTopic", -1)).hasSize(plan.size() + 1);
    plan.forEach(t -> assertThat(yaml).contains("  topicName: " + t.name() + "\n"));
    assertThat(yaml)
        .contains("strimzi.io/cluster: prod-kafka")
        .contains(
            "  topicName: modmirror.ingest.index-checkpoints.v1\n  partitions: 1\n  replicas: 3\n")
        .contains("    cleanup.policy: \"compact\"\n    min.insync.replicas: \"2\"\n");
  }

  @Test
  void needsTheKafkaSettingsOnly() {
    TopicsCommand command =
        new TopicsCommand(Map.of(), new PrintStream(new ByteArrayOutputStream()));
    assertThatThrownBy(command::call)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODMIRROR_KAFKA_BOOTSTRAP: required but not set")
        .hasMessageNotContaining("MODMIRROR_S3");
  }
}
