package dev.modmirror.deploy.service;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicCheck;
import dev.modmirror.adapters.kafka.TopicPlan;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.adapters.kafka.TopicSpec;
import dev.modmirror.deploy.wiring.Deployment;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modmirror topics}: applies the topic plan ({@link TopicPlan}) from a Job or a shell, as
 * every service does at start-up, or renders it as Strimzi {@code KafkaTopic} resources.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = {
      "Creates modmirror's Kafka topics that are absent and checks those present against the plan",
      "(MODMIRROR_KAFKA_* settings). Exit 0: topics fit (warnings printed); 1: a difference that",
      "would break ordering or lose state (fewer partitions, a state topic not compacted...)."
    })
public final class TopicsCommand implements Callable<Integer> {
  @Option(names = "--check", description = "Only compare: create nothing.")
  boolean checkOnly;

  @Option(
      names = "--strimzi",
      paramLabel = "CLUSTER",
      description =
          "Print the plan as Strimzi KafkaTopic resources of this Kafka cluster; contact"
              + " nothing.")
  String strimziCluster;

  private final Map<String, String> env;
  private final PrintStream out;

  public TopicsCommand() {
    this(System.getenv(), System.out);
  }

  TopicsCommand(Map<String, String> env, PrintStream out) {
    this.env = env;
    this.out = out;
  }

  @Override
  public Integer call() {
    KafkaBusConfig kafka = Deployment.kafkaFrom(env, "modmirror-topics");
    if (strimziCluster != null) {
      out.print(strimzi(TopicPlan.of(kafka), strimziCluster));
      return 0;
    }
    List<TopicCheck.Mismatch> mismatches = TopicSetup.check(kafka, !checkOnly);
    mismatches.forEach(m -> out.println((m.rule().fatal() ? "REFUSED " : "warning ") + m));
    boolean refused = TopicCheck.refusal(mismatches).isPresent();
    out.println(
        refused
            ? "topics: refused (services will not start on these topics)"
            : "topics: " + TopicPlan.of(kafka).size() + " topics fit the plan");
    return refused ? 1 : 0;
  }

  /** The plan as Strimzi {@code KafkaTopic} (v1beta2) resources, one YAML document each. */
  static String strimzi(List<TopicSpec> plan, String cluster) {
    StringBuilder b = new StringBuilder();
    for (TopicSpec t : plan) {
      b.append("---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n")
          .append("  name: ")
          .append(t.name())
          .append("\n  labels:\n    strimzi.io/cluster: ")
          .append(cluster)
          .append("\nspec:\n  topicName: ")
          .append(t.name())
          .append("\n  partitions: ")
          .append(t.partitions())
          .append("\n  replicas: ")
          .append(t.replicationFactor())
          .append("\n  config:\n");
      t.configs()
          .forEach((k, v) -> b.append("    ").append(k).append(": \"").append(v).append("\"\n"));
    }
    return b.toString();
  }
}
