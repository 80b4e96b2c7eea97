package dev.modmirror.adapters.kafka;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One topic as modmirror needs it: what start-up creates when it is absent and checks when it is
 * present, and what the manifests render ({@code modmirror topics --strimzi}).
 *
 * @param name the topic name, owned by {@link dev.modmirror.core.event.Topics}
 * @param partitions the least number of partitions; a topic may have more
 * @param replicationFactor replicas of each partition
 * @param configs topic configs set at creation ({@code cleanup.policy}, {@code retention.ms},
 *     {@code min.insync.replicas}), in a stable order
 */
public record TopicSpec(
    String name, int partitions, short replicationFactor, Map<String, String> configs) {
  public static final String CLEANUP_POLICY = "cleanup.policy";
  public static final String RETENTION_MS = "retention.ms";
  public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    if (partitions < 1 || replicationFactor < 1) {
      throw new IllegalArgumentException(name + ": partitions and replication must be positive");
    }
  }

  /**
   * Whether the topic is a keyed log of the latest value per key (a position, a set of handled
   * deliveries) that deletion by age alone would lose.
   */
  public boolean compacted() {
    return isCompacted(configs.get(CLEANUP_POLICY));
  }

  /** Whether a {@code cleanup.policy} value keeps the latest record of every key. */
  static boolean isCompacted(String cleanupPolicy) {
    return cleanupPolicy != null
        && Arrays.stream(cleanupPolicy.split(",")).anyMatch(p -> p.strip().equals("compact"));
  }
}
