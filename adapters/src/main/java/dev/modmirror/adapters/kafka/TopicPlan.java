package dev.modmirror.adapters.kafka;

import dev.modmirror.core.event.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one description of every topic modmirror uses: partitions, replication, retention and
 * compaction. Services apply it at start-up ({@link TopicSetup}); {@code modmirror topics} applies
 * it from a Job and renders it as Strimzi {@code KafkaTopic} resources; the Helm chart's topics are
 * tested against it. Kafka Streams' own changelog and repartition topics are not in it: the streams
 * create and check them.
 */
public final class TopicPlan {
  /** Event topics keep a week, Kafka's default, stated so that it is visible and checked. */
  static final Duration EVENT_RETENTION = Duration.ofDays(7);

  /** Dead letters wait a month for someone to read and replay them. */
  static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  /**
   * Topics the dedupe stage reads together, keyed {@code module@version}: their partition counts
   * must be equal, or one version's request and outcome meet in different tasks.
   */
  static final Set<String> CO_PARTITIONED =
      Set.of(Topics.REQUESTS.name(), Topics.WARMED.name(), Topics.FAILED.name());

  private TopicPlan() {}

  /** Every topic for this cluster configuration, in a stable order. */
  public static List<TopicSpec> of(KafkaBusConfig config) {
    List<TopicSpec> specs = new ArrayList<>();
    int partitions = config.partitions();
    short replication = config.replicationFactor();
    Topics.all()
        .forEach(
            t -> specs.add(spec(t.name(), partitions, replication, "delete", EVENT_RETENTION)));
    specs.add(spec(Topics.DEAD_LETTER, partitions, replication, "delete", DEAD_LETTER_RETENTION));
    specs.add(spec(Topics.BRANCH_FETCHES, partitions, replication, "delete", EVENT_RETENTION));
    // One partition: the position of a feed is one key, read whole at start.
    specs.add(spec(Topics.INDEX_CHECKPOINTS, 1, replication, "compact", null));
    specs.add(
        spec(
            Topics.WEBHOOK_DELIVERIES,
            1,
            replication,
            "compact,delete",
            Duration.ofDays(KafkaDeliveries.RETENTION_DAYS)));
    return List.copyOf(specs);
  }

  /** The spec of one topic by name, as {@link #of} describes it; empty if it is not planned. */
  static Optional<TopicSpec> find(KafkaBusConfig config, String name) {
    return of(config).stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The spec of one topic by name, as {@link #of} describes it. */
  static TopicSpec named(KafkaBusConfig config, String name) {
    return find(config, name)
        .orElseThrow(() -> new IllegalArgumentException("not a modmirror topic: " + name));
  }

  /**
   * A write is acknowledged once a majority of replicas hold it, so one broker may be lost without
   * losing an acknowledged record: 2 of 3 (and of more), 1 of 1 or 2.
   */
  static int minInsyncReplicas(short replication) {
    return replication >= 3 ? 2 : 1;
  }

  private static TopicSpec spec(
      String name, int partitions, short replication, String cleanup, Duration retention) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicSpec.CLEANUP_POLICY, cleanup);
    if (retention != null) {
      configs.put(TopicSpec.RETENTION_MS, Long.toString(retention.toMillis()));
    }
    configs.put(TopicSpec.MIN_INSYNC_REPLICAS, Integer.toString(minInsyncReplicas(replication)));
    return new TopicSpec(name, partitions, replication, configs);
  }
}
