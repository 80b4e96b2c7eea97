package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Checks that the cluster answers and creates modmirror's topics if absent, so that no service
 * depends on broker auto-creation and an unreachable broker is reported within the connect timeout,
 * in one line naming the bootstrap servers.
 */
final class KafkaTopics {
  private KafkaTopics() {}

  /** The topics every service may use: the typed topics and the dead-letter topic. */
  static List<String> standard() {
    List<String> names = new ArrayList<>();
    Topics.all().forEach(t -> names.add(t.name()));
    names.add(Topics.DEAD_LETTER);
    return names;
  }

  /**
   * Creates the {@link #standard()} topics if absent.
   *
   * @throws TransientException if the cluster does not answer within the connect timeout
   * @throws PermanentException if it refuses (e.g. not authorized)
   */
  static void createIfAbsent(KafkaBusConfig config) {
    createIfAbsent(config, standard());
  }

  /**
   * Creates these topics if absent, each {@link #asPlanned as planned}.
   *
   * @throws TransientException if the cluster does not answer within the connect timeout
   * @throws PermanentException if it refuses (e.g. not authorized)
   */
  static void createIfAbsent(KafkaBusConfig config, List<String> names) {
    long timeout = config.connectTimeout().toMillis();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-admin");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout);
    Admin admin = Admin.create(props);
    try {
      await(
          "reach Kafka",
          admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout)).clusterId(),
          config);
      if (names.isEmpty()) {
        return;
      }
      List<NewTopic> topics = new ArrayList<>();
      names.forEach(n -> topics.add(asPlanned(config, n)));
      Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
      for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
        await("create topic " + result.getKey(), result.getValue(), config);
      }
    } finally {
      // Never wait on calls that are still trying to reach a broker that is not there.
      admin.close(java.time.Duration.ZERO);
    }
  }

  /**
   * A topic as {@link TopicPlan} describes it (partitions, replication, retention, compaction), so
   * that a service which starts before {@link TopicSetup} has run never leaves a topic with broker
   * defaults behind; a topic outside the plan (a consumer's retry tiers) with the configured
   * partitions and replication.
   */
  static NewTopic asPlanned(KafkaBusConfig config, String name) {
    return TopicPlan.find(config, name)
        .map(s -> new NewTopic(name, s.partitions(), s.replicationFactor()).configs(s.configs()))
        .orElseGet(() -> new NewTopic(name, config.partitions(), config.replicationFactor()));
  }

  private static void await(String what, KafkaFuture<?> future, KafkaBusConfig config) {
    try {
      future.get(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return;
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(what, config, e);
      }
      throw new PermanentException(
          "cannot " + what + " at " + config.bootstrapServers() + ": " + e.getCause().getMessage(),
          null,
          null,
          e);
    } catch (TimeoutException e) {
      throw unreachable(what, config, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted: " + what, null, null, e);
    }
  }

  private static TransientException unreachable(String what, KafkaBusConfig config, Exception e) {
    return new TransientException(
        "cannot "
            + what
            + ": no answer from "
            + config.bootstrapServers()
            + " within "
            + config.connectTimeout().toSeconds()
            + " s",
        null,
        null,
        e);
  }
}
