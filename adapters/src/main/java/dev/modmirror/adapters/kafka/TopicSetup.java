package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link TopicPlan} to a cluster: creates the topics that are absent, as planned, and
 * checks the ones present with {@link TopicCheck}. Every service does this at start-up before it
 * reads or writes a record; {@code modmirror topics} does it from a Job.
 */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

  /**
   * Creates what is absent and checks what is present; logs the warnings.
   *
   * @return every difference found (none fatal)
   * @throws PermanentException naming every fatal difference ({@link TopicCheck.Rule#fatal()}): the
   *     service must not run on these topics
   * @throws TransientException if the cluster does not answer in time
   */
  public static List<TopicCheck.Mismatch> ensure(KafkaBusConfig config) {
    List<TopicCheck.Mismatch> mismatches = check(config, true);
    TopicCheck.refusal(mismatches)
        .ifPresent(
            why -> {
              throw new PermanentException(
                  "Kafka topics do not match modmirror's topic plan: " + why);
            });
    mismatches.forEach(m -> LOG.warn("Kafka topic differs from the plan: {}", m));
    return mismatches;
  }

  /**
   * Every difference between the plan and the cluster's topics.
   *
   * @param create whether to create the planned topics that are absent first
   * @throws TransientException if the cluster does not answer in time
   * @throws PermanentException if it refuses (e.g. not authorized)
   */
  public static List<TopicCheck.Mismatch> check(KafkaBusConfig config, boolean create) {
    List<TopicSpec> plan = TopicPlan.of(config);
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-topics");
    try (Admin admin = Admin.create(props)) {
      Map<String, TopicDescription> present = describe(admin, plan, config);
      if (create) {
        List<NewTopic> absent = new ArrayList<>();
        for (TopicSpec spec : plan) {
          if (!present.containsKey(spec.name())) {
            absent.add(
                new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                    .configs(spec.configs()));
          }
        }
        if (!absent.isEmpty()) {
          admin
              .createTopics(absent)
              .values()
              .forEach((name, f) -> await("create topic " + name, f, config, true));
          // Another service may have created some at the same moment, as it plans them or not.
          present = describe(admin, plan, config);
        }
      }
      Map<String, TopicCheck.Observed> observed = new HashMap<>();
      if (present.isEmpty()) {
        return List.of();
      }
      Map<ConfigResource, Config> configs =
          await(
              "describe topic configs",
              admin
                  .describeConfigs(
                      present.keySet().stream()
                          .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                          .toList())
                  .all(),
              config,
              false);
      present.forEach(
          (name, d) -> {
            Map<String, String> values = new HashMap<>();
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            if (c != null) {
              for (ConfigEntry e : c.entries()) {
                if (e.value() != null) {
                  values.put(e.name(), e.value());
                }
              }
            }
            observed.put(
                name,
                new TopicCheck.Observed(
                    d.partitions().size(),
                    (short) d.partitions().get(0).replicas().size(),
                    values));
          });
      return TopicCheck.compare(plan, observed);
    }
  }

  private static Map<String, TopicDescription> describe(
      Admin admin, List<TopicSpec> plan, KafkaBusConfig config) {
    Map<String, TopicDescription> present = new HashMap<>();
    admin
        .describeTopics(plan.stream().map(TopicSpec::name).toList())
        .topicNameValues()
        .forEach(
            (name, f) -> {
              TopicDescription d = await("describe topic " + name, f, config, true);
              if (d != null) {
                present.put(name, d);
              }
            });
    return present;
  }

  /** The future's value; null when it failed with "absent" or "exists" and {@code lenient}. */
  private static <T> T await(
      String what, KafkaFuture<T> f, KafkaBusConfig config, boolean lenient) {
    try {
      return f.get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (lenient
          && (e.getCause() instanceof UnknownTopicOrPartitionException
              || e.getCause() instanceof TopicExistsException)) {
        return null;
      }
      throw new PermanentException(
          "cannot " + what + " at " + config.bootstrapServers() + ": " + e.getCause(),
          null,
          null,
          e);
    } catch (TimeoutException e) {
      throw new TransientException(
          "cannot " + what + ": no answer from " + config.bootstrapServers(), null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted: " + what, null, null, e);
    }
  }
}
