package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.TopicCheck.Mismatch;
import dev.modmirror.adapters.kafka.TopicCheck.Observed;
import dev.modmirror.adapters.kafka.TopicCheck.Rule;
import dev.modmirror.core.event.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicCheckTest {
  private static final KafkaBusConfig THREE_BROKERS =
      new KafkaBusConfig("k:9092", "t", 12, (short) 3, Duration.ofSeconds(30));
  private static final List<TopicSpec> PLAN = TopicPlan.of(THREE_BROKERS);

  /** Every planned topic, as created from the plan. */
  private static Map<String, Observed> asPlanned() {
    Map<String, Observed> found = new HashMap<>();
    PLAN.forEach(
        s -> found.put(s.name(), new Observed(s.partitions(), s.replicationFactor(), s.configs())));
    return found;
  }

  private static List<Rule> rules(Map<String, Observed> found) {
    return TopicCheck.compare(PLAN, found).stream().map(Mismatch::rule).toList();
  }

  @Test
  void planHasEveryTopicTheServicesUseWithMajorityAcks() {
    assertThat(PLAN)
        .extracting(TopicSpec::name)
        .containsAll(Topics.all().stream().map(t -> t.name()).toList())
        .contains(Topics.DEAD_LETTER, Topics.INDEX_CHECKPOINTS, Topics.WEBHOOK_DELIVERIES)
        .doesNotHaveDuplicates();
    assertThat(PLAN)
        .allSatisfy(s -> assertThat(s.configs()).containsEntry("min.insync.replicas", "2"));
    assertThat(TopicPlan.named(THREE_BROKERS, Topics.INDEX_CHECKPOINTS).compacted()).isTrue();
    assertThat(TopicPlan.named(THREE_BROKERS, Topics.WEBHOOK_DELIVERIES).configs())
        .containsEntry("cleanup.policy", "compact,delete");
    assertThat(TopicPlan.named(THREE_BROKERS, Topics.REQUESTS.name()).compacted()).isFalse();
    assertThat(TopicPlan.minInsyncReplicas((short) 1)).isEqualTo(1);
    assertThat(TopicPlan.minInsyncReplicas((short) 2)).isEqualTo(1);
  }

  @Test
  void topicsAsPlannedOrAbsentFit() {
    assertThat(TopicCheck.compare(PLAN, asPlanned())).isEmpty();
    assertThat(TopicCheck.compare(PLAN, Map.of())).isEmpty();
  }

  @Test
  void refusesFewerPartitionsThanPlanned() {
    Map<String, Observed> found = asPlanned();
    found.put(
        Topics.WARM_URGENT.name(),
        new Observed(
            6, (short) 3, Map.of("min.insync.replicas", "2", "retention.ms", "604800000")));
    List<Mismatch> m = TopicCheck.compare(PLAN, found);
    assertThat(m).extracting(Mismatch::rule).containsExactly(Rule.PARTITIONS_BELOW_PLAN);
    assertThat(TopicCheck.refusal(m))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains(
                        "modmirror.warm.urgent.v1: PARTITIONS_BELOW_PLAN (planned 12, found 6)"));
  }

  @Test
  void morePartitionsThanPlannedFitButTheDedupeInputsMustAgree() {
    Map<String, Observed> found = asPlanned();
    Observed more = new Observed(24, (short) 3, found.get(Topics.REQUESTS.name()).configs());
    found.put(Topics.WARM_BACKFILL.name(), more);
    assertThat(rules(found)).isEmpty();
    found.put(Topics.REQUESTS.name(), more);
    assertThat(rules(found)).containsExactly(Rule.NOT_CO_PARTITIONED);
  }

  @Test
  void refusesAStateTopicThatDeletesByAgeAndAnEventTopicThatCompacts() {
    Map<String, Observed> found = asPlanned();
    found.put(
        Topics.INDEX_CHECKPOINTS,
        new Observed(1, (short) 3, Map.of("cleanup.policy", "delete", "min.insync.replicas", "2")));
    assertThat(rules(found)).containsExactly(Rule.NOT_COMPACTED);
    found = asPlanned();
    Map<String, String> compacted = new HashMap<>(found.get(Topics.WARMED.name()).configs());
    compacted.put("cleanup.policy", "compact");
    found.put(Topics.WARMED.name(), new Observed(12, (short) 3, compacted));
    assertThat(rules(found)).containsExactly(Rule.COMPACTED_EVENTS);
  }

  @Test
  void fewerReplicasAndOtherRetentionAreWarningsOnly() {
    Map<String, Observed> found = asPlanned();
    found.put(
        Topics.DEMAND.name(),
        new Observed(
            12,
            (short) 1,
            Map.of(
                "cleanup.policy", "delete", "retention.ms", "1000", "min.insync.replicas", "1")));
    List<Mismatch> m = TopicCheck.compare(PLAN, found);
    assertThat(m)
        .extracting(Mismatch::rule)
        .containsExactly(Rule.REPLICATION_BELOW_PLAN, Rule.CONFIG_DIFFERS, Rule.CONFIG_DIFFERS);
    assertThat(TopicCheck.refusal(m)).isEmpty();
  }
}
