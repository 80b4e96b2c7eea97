package dev.modmirror.adapters.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicPlan;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.testkit.kafka.TestKafka;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code modmirror doctor} says about the topics (real broker): the plan's topics, compared as
 * a service's start-up compares them, so doctor fails exactly where a service would refuse.
 */
class KafkaProbeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void topicsAsPlannedAreOk() {
    KafkaBusConfig config = KafkaBusConfig.of(TestKafka.bootstrapServers(), "probe-it");
    TopicSetup.ensure(config);

    Probe topics = KafkaProbe.check(config, TIMEOUT).get("kafka topics");

    assertThat(topics.status()).as(topics.detail()).isEqualTo(Probe.Status.OK);
    assertThat(topics.detail()).startsWith(TopicPlan.of(config).size() + " topics as planned");
  }

  @Test
  void topicsWithFewerPartitionsThanPlannedFailAsAServiceWouldRefuseThem() {
    KafkaBusConfig planned = KafkaBusConfig.of(TestKafka.bootstrapServers(), "probe-it");
    TopicSetup.ensure(planned);
    KafkaBusConfig more =
        new KafkaBusConfig(
            planned.bootstrapServers(),
            planned.clientId(),
            planned.partitions() + 2,
            planned.replicationFactor(),
            planned.publishTimeout());

    Map<String, Probe> found = KafkaProbe.check(more, TIMEOUT);

    Probe topics = found.get("kafka topics");
    assertThat(found.get("kafka").status()).isEqualTo(Probe.Status.OK);
    assertThat(topics.status()).isEqualTo(Probe.Status.FAILED);
    assertThat(topics.detail())
        .startsWith("topics differ from modmirror's plan, services refuse to start: ")
        .contains(
            "modmirror.requests.v1: PARTITIONS_BELOW_PLAN (planned "
                + more.partitions()
                + ", found "
                + planned.partitions()
                + ")");
  }
}
