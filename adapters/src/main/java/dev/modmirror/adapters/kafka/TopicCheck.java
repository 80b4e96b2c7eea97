package dev.modmirror.adapters.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares the topics a cluster has with {@link TopicPlan}: a pure function of both, so that every
 * rule is tested without a broker ({@link TopicSetup} does the I/O).
 */
public final class TopicCheck {
  private TopicCheck() {}

  /** What a difference means for modmirror. */
  public enum Rule {
    /**
     * Fewer partitions than planned. Fatal: modmirror never adds partitions itself, since adding
     * them moves keys to other partitions and breaks the per-version order of records in flight; an
     * operator does it deliberately, or lowers {@code MODMIRROR_KAFKA_PARTITIONS}.
     */
    PARTITIONS_BELOW_PLAN(true),
    /**
     * The dedupe stage's inputs (requests, warmed, failed) have different partition counts, so a
     * version's request and its outcome would meet in different tasks. Fatal.
     */
    NOT_CO_PARTITIONED(true),
    /** A state topic (a feed position, handled deliveries) deletes by age only. Fatal: lost. */
    NOT_COMPACTED(true),
    /** An event topic is compacted: older events of a version would vanish. Fatal. */
    COMPACTED_EVENTS(true),
    /** Fewer replicas than planned: durability, not order. A warning. */
    REPLICATION_BELOW_PLAN(false),
    /** A retention or min.insync.replicas other than planned: tuned by an operator. A warning. */
    CONFIG_DIFFERS(false);

    private final boolean fatal;

    Rule(boolean fatal) {
      this.fatal = fatal;
    }

    /** Whether a service refuses to run with it. */
    public boolean fatal() {
      return fatal;
    }
  }

  /** One difference, with what the plan says and what the cluster has. */
  public record Mismatch(String topic, Rule rule, String expected, String actual) {
    @Override
    public String toString() {
      return topic + ": " + rule + " (planned " + expected + ", found " + actual + ")";
    }
  }

  /** A topic as the cluster describes it. */
  public record Observed(int partitions, short replicationFactor, Map<String, String> configs) {}

  /**
   * Every difference between the plan and the topics found, topics in plan order. A planned topic
   * absent from {@code found} is not a difference (start-up creates it).
   */
  public static List<Mismatch> compare(List<TopicSpec> plan, Map<String, Observed> found) {
    List<Mismatch> mismatches = new ArrayList<>();
    Map<Integer, List<String>> coPartitioned = new TreeMap<>();
    for (TopicSpec spec : plan) {
      Observed o = found.get(spec.name());
      if (o == null) {
        continue;
      }
      if (TopicPlan.CO_PARTITIONED.contains(spec.name())) {
        coPartitioned.computeIfAbsent(o.partitions(), k -> new ArrayList<>()).add(spec.name());
      }
      if (o.partitions() < spec.partitions()) {
        mismatches.add(
            mismatch(spec, Rule.PARTITIONS_BELOW_PLAN, spec.partitions(), o.partitions()));
      }
      String cleanup = o.configs().getOrDefault(TopicSpec.CLEANUP_POLICY, "delete");
      if (spec.compacted() && !TopicSpec.isCompacted(cleanup)) {
        mismatches.add(
            new Mismatch(
                spec.name(),
                Rule.NOT_COMPACTED,
                spec.configs().get(TopicSpec.CLEANUP_POLICY),
                cleanup));
      } else if (!spec.compacted() && TopicSpec.isCompacted(cleanup)) {
        mismatches.add(new Mismatch(spec.name(), Rule.COMPACTED_EVENTS, "delete", cleanup));
      }
      if (o.replicationFactor() < spec.replicationFactor()) {
        mismatches.add(
            mismatch(
                spec,
                Rule.REPLICATION_BELOW_PLAN,
                spec.replicationFactor(),
                o.replicationFactor()));
      }
      for (String key : List.of(TopicSpec.RETENTION_MS, TopicSpec.MIN_INSYNC_REPLICAS)) {
        String planned = spec.configs().get(key);
        String actual = o.configs().get(key);
        if (planned != null && !planned.equals(actual)) {
          mismatches.add(
              new Mismatch(
                  spec.name(), Rule.CONFIG_DIFFERS, key + "=" + planned, key + "=" + actual));
        }
      }
    }
    if (coPartitioned.size() > 1) {
      mismatches.add(
          new Mismatch(
              String.join(",", TopicPlan.CO_PARTITIONED.stream().sorted().toList()),
              Rule.NOT_CO_PARTITIONED,
              "one partition count",
              coPartitioned.toString()));
    }
    return List.copyOf(mismatches);
  }

  /** The fatal differences, if any. */
  public static Optional<String> refusal(List<Mismatch> mismatches) {
    List<String> fatal =
        mismatches.stream().filter(m -> m.rule().fatal()).map(Mismatch::toString).toList();
    return fatal.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", fatal));
  }

  private static Mismatch mismatch(TopicSpec spec, Rule rule, int expected, int actual) {
    return new Mismatch(spec.name(), rule, Integer.toString(expected), Integer.toString(actual));
  }
}
