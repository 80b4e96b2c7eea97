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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates modmirror's topics if absent, so that no service depends on broker auto-creation. */
final class KafkaTopics {
  private KafkaTopics() {}

  /**
   * @throws TransientException if the broker does not answer in time
   * @throws PermanentException if it refuses (e.g. not authorized)
   */
  static void createIfAbsent(KafkaBusConfig config) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-admin");
    List<NewTopic> topics = new ArrayList<>();
    Topics.all()
        .forEach(
            t ->
                topics.add(
                    new NewTopic(t.name(), config.partitions(), config.replicationFactor())));
    topics.add(new NewTopic(Topics.DEAD_LETTER, config.partitions(), config.replicationFactor()));
    try (Admin admin = Admin.create(props)) {
      Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
      for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
        await(result.getKey(), result.getValue(), config);
      }
    }
  }

  /**
   * Creates a compacted topic of one partition if absent: a keyed log of the latest value per key
   * (a follower's position, a set of handled deliveries).
   *
   * @throws TransientException if the broker does not answer in time
   * @throws PermanentException if it refuses
   */
  static void createCompactedIfAbsent(KafkaBusConfig config, String name) {
    createCompactedIfAbsent(config, name, Map.of("cleanup.policy", "compact"));
  }

  /** As {@link #createCompactedIfAbsent(KafkaBusConfig, String)}, with these topic configs. */
  static void createCompactedIfAbsent(
      KafkaBusConfig config, String name, Map<String, String> configs) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-admin");
    NewTopic topic = new NewTopic(name, 1, config.replicationFactor()).configs(configs);
    try (Admin admin = Admin.create(props)) {
      await(name, admin.createTopics(List.of(topic)).values().get(name), config);
    }
  }

  private static void await(String topic, KafkaFuture<Void> future, KafkaBusConfig config) {
    try {
      future.get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new PermanentException(
            "creating topic " + topic + " failed: " + e.getCause(), null, null, e);
      }
    } catch (TimeoutException e) {
      throw new TransientException(
          "creating topic " + topic + ": no answer from " + config.bootstrapServers(),
          null,
          null,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while creating topic " + topic, null, null, e);
    }
  }
}
