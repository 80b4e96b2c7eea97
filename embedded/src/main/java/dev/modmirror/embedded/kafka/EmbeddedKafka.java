package dev.modmirror.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka cluster (KRaft, one process acting as broker and controller) running in this
 * JVM on free loopback ports. Every replication factor and minimum ISR is 1, so consumer groups and
 * transactions work with one broker.
 *
 * <p>Restartable on the same data directory: the cluster id is kept in {@code cluster.id} next to
 * the log directory, because a formatted log directory refuses a different id. Ports are chosen
 * afresh on every start.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final String CLUSTER_ID_FILE = "cluster.id";
  private static final int BIND_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code dataDir} if needed and starts the broker; returns once it accepts connections.
   *
   * @param dataDir holds the cluster id file and the log directory; created if absent
   * @throws IllegalStateException if formatting or start-up fails (with the tool's output)
   */
  public static EmbeddedKafka start(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      String clusterId = clusterId(dataDir);
      for (int attempt = 1; ; attempt++) {
        try {
          return startOnce(dataDir, clusterId);
        } catch (PortTakenException e) {
          // Another process took a probed port between probe and bind: probe again.
          if (attempt == BIND_ATTEMPTS) {
            throw new IllegalStateException("embedded Kafka found no free ports", e.getCause());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Kafka cannot use " + dataDir, e);
    }
  }

  private static EmbeddedKafka startOnce(Path dataDir, String clusterId) throws IOException {
    int brokerPort = freePort();
    int controllerPort = freePort();
    Properties props = brokerProperties(dataDir.resolve("logs"), brokerPort, controllerPort);
    format(dataDir, props, clusterId);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      if (causedByBind(e)) {
        throw new PortTakenException(e);
      }
      throw new IllegalStateException("embedded Kafka failed to start in " + dataDir, e);
    }
    return new EmbeddedKafka(server, "127.0.0.1:" + brokerPort);
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(Throwable cause) {
      super(cause);
    }
  }

  /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker and waits for it; the data directory is kept. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
  }

  private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    // One broker: internal topics left at factor 3 would never be created and groups would hang.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // A consumer killed without leaving holds its partitions until its session expires: 10 s
    // rather than Kafka's 45 s keeps a restart after kill -9 short in dev mode and tests.
    p.setProperty("group.consumer.min.session.timeout.ms", "6000");
    p.setProperty("group.consumer.session.timeout.ms", "10000");
    p.setProperty("group.consumer.min.heartbeat.interval.ms", "1000");
    p.setProperty("group.consumer.heartbeat.interval.ms", "2000");
    p.setProperty("auto.create.topics.enable", "true");
    // Controlled shutdown fences the broker at once; without it a restart waits for the old
    // registration's session to expire (broker.session.timeout.ms).
    p.setProperty("controlled.shutdown.enable", "true");
    p.setProperty("broker.session.timeout.ms", "3000");
    p.setProperty("broker.heartbeat.interval.ms", "500");
    // No fsync per message (Kafka's own default): a dev or test broker's data survives process
    // restarts through the page cache, and fsyncing every record made warming ~1.5x slower.
    return p;
  }

  private static void format(Path dataDir, Properties props, String clusterId) throws IOException {
    Path config = dataDir.resolve("format.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "written by EmbeddedKafka for the storage tool");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      // Static voters (controller.quorum.voters): no --standalone / dynamic quorum.
      String[] args = {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"};
      rc = StorageTool.execute(args, print);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "kafka storage format failed (" + rc + "): " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static String clusterId(Path dataDir) throws IOException {
    Path file = dataDir.resolve(CLUSTER_ID_FILE);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    String id = Uuid.randomUuid().toString();
    Path tmp = dataDir.resolve(CLUSTER_ID_FILE + "." + UUID.randomUUID() + ".tmp");
    Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return id;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
