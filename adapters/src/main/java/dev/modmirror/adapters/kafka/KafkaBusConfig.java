package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How to reach Kafka and how to create modmirror's topics.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param clientId prefix of the producer's and consumers' client ids (shows in broker logs)
 * @param partitions partitions of each topic created here; more partitions, more parallel warmers
 * @param replicationFactor replicas of each topic created here (1 for a single broker)
 * @param publishTimeout how long {@code publish} waits for the broker's acknowledgement
 * @param connectTimeout how long start-up waits for the cluster to answer before it gives up with
 *     one line naming the bootstrap servers
 */
public record KafkaBusConfig(
    String bootstrapServers,
    String clientId,
    int partitions,
    short replicationFactor,
    Duration publishTimeout,
    Duration connectTimeout) {
  public static final int DEFAULT_PARTITIONS = 3;
  public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * @throws InvalidInputException listing every problem at once
   */
  public KafkaBusConfig {
    List<String> problems = new ArrayList<>();
    if (bootstrapServers == null || !bootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*")) {
      problems.add("bootstrap servers '" + bootstrapServers + "' are not host:port[,host:port]");
    }
    if (clientId == null || !clientId.matches("[A-Za-z0-9._-]+")) {
      problems.add("client id '" + clientId + "' must be letters, digits, '.', '_' or '-'");
    }
    if (partitions < 1) {
      problems.add("partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      problems.add("replication factor must be at least 1, got " + replicationFactor);
    }
    if (publishTimeout == null || publishTimeout.isNegative() || publishTimeout.isZero()) {
      problems.add("publish timeout must be positive, got " + publishTimeout);
    }
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      problems.add("connect timeout must be positive, got " + connectTimeout);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Kafka config: " + String.join("; ", problems));
    }
  }

  /** With the default connect timeout of 10 s. */
  public KafkaBusConfig(
      String bootstrapServers,
      String clientId,
      int partitions,
      short replicationFactor,
      Duration publishTimeout) {
    this(
        bootstrapServers,
        clientId,
        partitions,
        replicationFactor,
        publishTimeout,
        DEFAULT_CONNECT_TIMEOUT);
  }

  /** Defaults: {@value #DEFAULT_PARTITIONS} partitions, replication 1, 30 s publish timeout. */
  public static KafkaBusConfig of(String bootstrapServers, String clientId) {
    return new KafkaBusConfig(
        bootstrapServers, clientId, DEFAULT_PARTITIONS, (short) 1, DEFAULT_PUBLISH_TIMEOUT);
  }

  /**
   * A producer that waits for every in-sync replica, idempotent, whose {@code send} blocks no
   * longer than {@link #publishTimeout}: what a side channel (handled deliveries, queued branch
   * fetches) writes with. {@code role} ends the client id.
   */
  Properties durableProducer(String role) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + role);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) publishTimeout.toMillis());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }
}
