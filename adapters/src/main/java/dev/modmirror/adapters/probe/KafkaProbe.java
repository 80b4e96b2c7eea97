package dev.modmirror.adapters.probe;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.TopicCheck;
import dev.modmirror.adapters.kafka.TopicPlan;
import dev.modmirror.adapters.kafka.TopicSetup;
import dev.modmirror.adapters.kafka.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Probes a Kafka cluster as the services use it: the bootstrap answers, every topic of {@link
 * TopicPlan} exists and matches the plan as the services' start-up check ({@link TopicSetup}) reads
 * it, and the lag of modmirror's consumer groups.
 */
public final class KafkaProbe {
  private KafkaProbe() {}

  /** The cluster alone: its brokers answer within {@code timeout}. */
  public static Probe reachable(KafkaBusConfig config, Duration timeout) {
    Admin admin = admin(config, timeout);
    try {
      int brokers = get(admin.describeCluster().nodes(), timeout).size();
      return Probe.ok(brokers + " broker(s) at " + config.bootstrapServers());
    } catch (Exception e) {
      return failure(config, e);
    } finally {
      // Pending calls to a broker that never answered are abandoned, not waited for.
      admin.close(Duration.ZERO);
    }
  }

  /**
   * The cluster, then modmirror's topics and consumer groups.
   *
   * @return the cluster's probe first, then one per missing or short topic, then one per group
   */
  public static Map<String, Probe> check(KafkaBusConfig config, Duration timeout) {
    Map<String, Probe> found = new LinkedHashMap<>();
    Admin admin = admin(config, timeout);
    try {
      int brokers = get(admin.describeCluster().nodes(), timeout).size();
      found.put("kafka", Probe.ok(brokers + " broker(s) at " + config.bootstrapServers()));
      found.put("kafka topics", topics(admin, config, timeout));
      groups(admin, timeout).forEach((group, probe) -> found.put("kafka group " + group, probe));
    } catch (Exception e) {
      found.putIfAbsent("kafka", failure(config, e));
    } finally {
      admin.close(Duration.ZERO);
    }
    return found;
  }

  private static Probe topics(Admin admin, KafkaBusConfig config, Duration timeout)
      throws Exception {
    List<TopicSpec> plan = TopicPlan.of(config);
    Set<String> present = get(admin.listTopics().names(), timeout);
    List<String> missing =
        plan.stream().map(TopicSpec::name).filter(t -> !present.contains(t)).toList();
    if (!missing.isEmpty()) {
      return Probe.failed(
          missing.size() + " of " + plan.size() + " topics missing: " + String.join(", ", missing),
          "start any modmirror service once (it creates them as `modmirror topics` plans them) or"
              + " create them as `modmirror topics` prints");
    }
    // The same comparison a service makes at start-up, so doctor and the services never disagree
    // about what is wrong with a topic.
    List<TopicCheck.Mismatch> mismatches = TopicSetup.check(config, false);
    Optional<String> refusal = TopicCheck.refusal(mismatches);
    if (refusal.isPresent()) {
      return Probe.failed(
          "topics differ from modmirror's plan, services refuse to start: " + refusal.get(),
          "see docs/operations.md, Topics: add partitions with kafka-topics --alter --partitions,"
              + " or set MODMIRROR_KAFKA_PARTITIONS to what the topics have");
    }
    List<String> warnings = mismatches.stream().map(TopicCheck.Mismatch::toString).toList();
    return Probe.ok(
        plan.size()
            + " topics as planned"
            + (warnings.isEmpty() ? "" : "; warnings: " + String.join("; ", warnings)));
  }

  /** Lag (latest offset minus committed, summed over partitions) of each modmirror group. */
  private static Map<String, Probe> groups(Admin admin, Duration timeout) throws Exception {
    Map<String, Probe> lags = new TreeMap<>();
    Collection<ConsumerGroupListing> listed = get(admin.listConsumerGroups().all(), timeout);
    for (ConsumerGroupListing g : listed) {
      // Dev mode's and the tests' own listeners are throw-away groups: not a service's backlog.
      if (!g.groupId().startsWith("modmirror-") || g.groupId().startsWith("modmirror-dev-")) {
        continue;
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          get(admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata(), timeout);
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          get(admin.listOffsets(latest).all(), timeout);
      long lag = 0;
      for (var e : committed.entrySet()) {
        if (e.getValue() != null && ends.containsKey(e.getKey())) {
          lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
        }
      }
      lags.put(g.groupId(), Probe.ok("lag " + lag + " over " + committed.size() + " partition(s)"));
    }
    return lags;
  }

  private static Probe failure(KafkaBusConfig config, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
      return Probe.failed(
          "broker at "
              + config.bootstrapServers()
              + " refused: "
              + cause.getClass().getSimpleName(),
          "check the client's credentials and ACLs");
    }
    if (cause instanceof TimeoutException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return Probe.unreachable(
          "no broker answered at " + config.bootstrapServers(),
          "check MODMIRROR_KAFKA_BOOTSTRAP and that the broker is up and reachable from here");
    }
    return Probe.unreachable(
        "broker at "
            + config.bootstrapServers()
            + ": "
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        "check MODMIRROR_KAFKA_BOOTSTRAP");
  }

  private static Admin admin(KafkaBusConfig config, Duration timeout) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-probe");
    int millis = (int) Math.max(1, timeout.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    // One attempt per probe: a refused connection is an answer, not something to wait out.
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return Admin.create(props);
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, Duration timeout)
      throws Exception {
    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
