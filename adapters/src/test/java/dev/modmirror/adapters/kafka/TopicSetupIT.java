package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.adapters.kafka.TopicCheck.Mismatch;
import dev.modmirror.adapters.kafka.TopicCheck.Rule;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.event.Topics;
import dev.modmirror.embedded.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic plan applied to a real broker of its own (the shared test broker's topics must stay as
 * planned for the other tests): created when absent, refused when present in a shape that breaks
 * ordering or loses state.
 */
class TopicSetupIT {
  @TempDir static Path dir;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static KafkaBusConfig config(int partitions) {
    return new KafkaBusConfig(
        kafka.bootstrapServers(), "topics-it", partitions, (short) 1, Duration.ofSeconds(30));
  }

  private static void createByHand(NewTopic topic) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(topic)).all().get();
    }
  }

  @Test
  void createsThePlanThenRefusesAPlanWithMorePartitionsAndAStateTopicNotCompacted()
      throws Exception {
    // A checkpoint topic made by hand with the default policy: its positions would be deleted.
    createByHand(
        new NewTopic(Topics.INDEX_CHECKPOINTS, 1, (short) 1)
            .configs(Map.of("cleanup.policy", "delete")));

    List<Mismatch> first = TopicSetup.check(config(2), true);
    assertThat(first).extracting(Mismatch::rule).containsExactly(Rule.NOT_COMPACTED);
    assertThatThrownBy(() -> TopicSetup.ensure(config(2)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining(Topics.INDEX_CHECKPOINTS + ": NOT_COMPACTED");

    // Every other topic was created as planned: the same plan checks clean but for that one.
    assertThat(TopicSetup.check(config(2), false))
        .extracting(Mismatch::rule)
        .containsExactly(Rule.NOT_COMPACTED);

    // Raising MODMIRROR_KAFKA_PARTITIONS above what the topics have is refused, never applied.
    List<Mismatch> raised = TopicSetup.check(config(4), true);
    assertThat(raised)
        .filteredOn(m -> m.rule() == Rule.PARTITIONS_BELOW_PLAN)
        .extracting(Mismatch::topic)
        .contains(Topics.REQUESTS.name(), Topics.WARM_URGENT.name(), Topics.DEAD_LETTER);
    assertThatThrownBy(() -> TopicSetup.ensure(config(4)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining(
            Topics.REQUESTS.name() + ": PARTITIONS_BELOW_PLAN (planned 4, found 2)");
    assertThat(TopicSetup.check(config(2), false))
        .extracting(Mismatch::rule)
        .containsExactly(Rule.NOT_COMPACTED);
  }
}
