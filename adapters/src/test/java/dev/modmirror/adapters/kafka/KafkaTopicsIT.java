package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.Topics;
import dev.modmirror.embedded.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics that a service creates for itself, before or without {@link TopicSetup} (the event bus,
 * the index log, the delivery log), on a broker of its own: they are created as the plan says, so
 * the setup that runs after finds nothing to warn about. Before, they took the broker's defaults
 * and {@code modmirror dev} logged the dead-letter topic's retention as differing from the plan.
 */
class KafkaTopicsIT {
  @TempDir Path dir;

  @Test
  void topicsAServiceCreatesForItselfAreAsPlanned() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      KafkaBusConfig config =
          new KafkaBusConfig(
              kafka.bootstrapServers(), "topics-it", 2, (short) 1, Duration.ofSeconds(30));

      KafkaTopics.createIfAbsent(config);
      KafkaTopics.createIfAbsent(
          config, List.of(Topics.INDEX_CHECKPOINTS, Topics.WEBHOOK_DELIVERIES));
      String retry = Topics.retry("warm", 1);
      KafkaTopics.createIfAbsent(config, List.of(retry));

      assertThat(TopicSetup.check(config, false)).as("nothing differs from the plan").isEmpty();
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin admin = Admin.create(props)) {
        assertThat(describe(admin, retry).partitions())
            .as("a topic outside the plan takes the configured partitions")
            .hasSize(2);
      }
    }
  }

  /** The topic once the broker's metadata has it: creation is acknowledged before that. */
  private static TopicDescription describe(Admin admin, String topic) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
