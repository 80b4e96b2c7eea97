package dev.modmirror.deploy.dev;

import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.embedded.kafka.EmbeddedKafka;
import dev.modmirror.embedded.kafka.KafkaProcessCluster;
import dev.modmirror.embedded.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers of dev mode, in this JVM: one KRaft broker, a primary S3 endpoint and one S3
 * endpoint per region, each with its own credentials, as separate regions would have.
 */
public final class DevCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevCluster.class);
  private final AutoCloseable kafka;
  private final String bootstrapServers;
  private final int brokers;
  private final List<EmbeddedS3> servers;
  private final Map<String, S3Config> regions;
  private final S3Config primary;

  private DevCluster(
      AutoCloseable kafka,
      String bootstrapServers,
      int brokers,
      List<EmbeddedS3> servers,
      S3Config primary,
      Map<String, S3Config> regions) {
    this.kafka = kafka;
    this.bootstrapServers = bootstrapServers;
    this.brokers = brokers;
    this.servers = servers;
    this.primary = primary;
    this.regions = regions;
  }

  /** Starts a broker and {@code 1 + regionCount} S3 endpoints with data under {@code dataDir}. */
  public static DevCluster start(Path dataDir, int regionCount) {
    return start(dataDir, regionCount, 1);
  }

  /**
   * As {@link #start(Path, int)} with {@code brokers} Kafka brokers: one runs in this JVM; more run
   * as a KRaft cluster of separate processes ({@link KafkaProcessCluster}), as production does.
   */
  public static DevCluster start(Path dataDir, int regionCount, int brokers) {
    return start(dataDir, regionCount, brokers, Optional.empty());
  }

  /**
   * As {@link #start(Path, int)}, with the primary bucket on {@code primary}: an S3 server that
   * runs outside this JVM (a bench's server in a process of its own, as production's is), so none
   * is started here for it. The regions' servers still run in this JVM.
   */
  public static DevCluster start(Path dataDir, int regionCount, S3Config primary) {
    return start(dataDir, regionCount, 1, Optional.of(primary));
  }

  private static DevCluster start(
      Path dataDir, int regionCount, int brokers, Optional<S3Config> external) {
    List<EmbeddedS3> servers = new ArrayList<>();
    long started = System.nanoTime();
    AutoCloseable kafka;
    String bootstrap;
    if (brokers == 1) {
      EmbeddedKafka one = EmbeddedKafka.start(dataDir.resolve("kafka"));
      kafka = one;
      bootstrap = one.bootstrapServers();
    } else {
      KafkaProcessCluster cluster = KafkaProcessCluster.start(dataDir.resolve("kafka"), brokers);
      kafka = cluster;
      bootstrap = cluster.bootstrapServers();
    }
    LOG.info("kafka ({} brokers) up at {} in {} ms", brokers, bootstrap, millisSince(started));
    try {
      S3Config primary = external.orElseGet(() -> s3(servers, dataDir, "primary"));
      Map<String, S3Config> regions = new LinkedHashMap<>();
      for (int i = 1; i <= regionCount; i++) {
        regions.put("region-" + i, s3(servers, dataDir, "region-" + i));
      }
      LOG.info("{} S3 endpoints up, {} ms since start", servers.size(), millisSince(started));
      return new DevCluster(kafka, bootstrap, brokers, servers, primary, regions);
    } catch (RuntimeException e) {
      servers.forEach(EmbeddedS3::close);
      closeQuietly(kafka);
      throw e;
    }
  }

  private static S3Config s3(List<EmbeddedS3> servers, Path dataDir, String name) {
    // Dev-only credentials for loopback servers that live as long as this process.
    String accessKey = "dev-" + name;
    String secretKey = "dev-secret-" + name + "-" + Long.toHexString(System.nanoTime());
    EmbeddedS3 server = EmbeddedS3.start(dataDir.resolve("s3").resolve(name), accessKey, secretKey);
    servers.add(server);
    return new S3Config(server.endpoint(), accessKey, secretKey, "modmirror-" + name, "us-east-1");
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** How many Kafka brokers run: the replication factor topics can have. */
  public int brokers() {
    return brokers;
  }

  public S3Config primary() {
    return primary;
  }

  /** Region name to its endpoint, in region order. */
  public Map<String, S3Config> regions() {
    return regions;
  }

  @Override
  public void close() {
    servers.forEach(EmbeddedS3::close);
    closeQuietly(kafka);
  }

  private static void closeQuietly(AutoCloseable kafka) {
    try {
      kafka.close();
    } catch (Exception e) {
      LOG.warn("stopping Kafka failed", e);
    }
  }
}
