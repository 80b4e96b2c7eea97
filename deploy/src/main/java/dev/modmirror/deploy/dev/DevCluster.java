package dev.modmirror.deploy.dev;

import dev.modmirror.adapters.s3.S3Config;
import dev.modmirror.embedded.kafka.EmbeddedKafka;
import dev.modmirror.embedded.s3.EmbeddedS3;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers of dev mode, in this JVM: one KRaft broker, a primary S3 endpoint and one S3
 * endpoint per region, each with its own credentials, as separate regions would have.
 */
public final class DevCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevCluster.class);
  private final EmbeddedKafka kafka;
  private final List<EmbeddedS3> servers;
  private final Map<String, S3Config> regions;
  private final S3Config primary;

  private DevCluster(
      EmbeddedKafka kafka,
      List<EmbeddedS3> servers,
      S3Config primary,
      Map<String, S3Config> regions) {
    this.kafka = kafka;
    this.servers = servers;
    this.primary = primary;
    this.regions = regions;
  }

  /** Starts a broker and {@code 1 + regionCount} S3 endpoints with data under {@code dataDir}. */
  public static DevCluster start(Path dataDir, int regionCount) {
    List<EmbeddedS3> servers = new ArrayList<>();
    long started = System.nanoTime();
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"));
    LOG.info("kafka broker up at {} in {} ms", kafka.bootstrapServers(), millisSince(started));
    try {
      S3Config primary = s3(servers, dataDir, "primary");
      Map<String, S3Config> regions = new LinkedHashMap<>();
      for (int i = 1; i <= regionCount; i++) {
        regions.put("region-" + i, s3(servers, dataDir, "region-" + i));
      }
      LOG.info("{} S3 endpoints up, {} ms since start", servers.size(), millisSince(started));
      return new DevCluster(kafka, servers, primary, regions);
    } catch (RuntimeException e) {
      servers.forEach(EmbeddedS3::close);
      kafka.close();
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
    return kafka.bootstrapServers();
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
    kafka.close();
  }
}
