package dev.modmirror.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of several nodes, each broker and controller, each a JVM of its own ({@code
 * kafka.Kafka} on this JVM's class path), on loopback ports: a cluster that loses a broker the way
 * production does ({@link #kill}: SIGKILL) and gets it back ({@link #restart}). Internal topics
 * have one replica per node and, from three nodes up, {@code min.insync.replicas=2}, so one node
 * may be lost without losing an acknowledged record or stopping transactions.
 */
public final class KafkaProcessCluster implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private final Path dir;
  private final List<Path> configs;
  private final Process[] processes;
  private final String bootstrapServers;

  private KafkaProcessCluster(Path dir, List<Path> configs, String bootstrapServers) {
    this.dir = dir;
    this.configs = configs;
    this.processes = new Process[configs.size()];
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code nodes} log directories under {@code dir}, starts every node and returns once all
   * are registered with the cluster.
   *
   * @throws IllegalStateException if a node does not start (its log is named)
   */
  public static KafkaProcessCluster start(Path dir, int nodes) {
    if (nodes < 1 || nodes > 9) {
      throw new IllegalArgumentException("1 to 9 nodes, not " + nodes);
    }
    try {
      Files.createDirectories(dir);
      int[] brokerPorts = new int[nodes];
      int[] controllerPorts = new int[nodes];
      for (int i = 0; i < nodes; i++) {
        brokerPorts[i] = freePort();
        controllerPorts[i] = freePort();
      }
      String voters =
          IntStream.range(0, nodes)
              .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
              .collect(Collectors.joining(","));
      String clusterId = Uuid.randomUuid().toString();
      List<Path> configs = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Path node = dir.resolve("node-" + (i + 1));
        Files.createDirectories(node);
        Properties p = properties(i + 1, nodes, node, brokerPorts[i], controllerPorts[i], voters);
        Path config = node.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
          p.store(out, "written by KafkaProcessCluster");
        }
        format(config, clusterId);
        configs.add(config);
      }
      String bootstrap =
          IntStream.of(brokerPorts)
              .mapToObj(p -> "127.0.0.1:" + p)
              .collect(Collectors.joining(","));
      KafkaProcessCluster cluster = new KafkaProcessCluster(dir, configs, bootstrap);
      try {
        for (int i = 1; i <= nodes; i++) {
          cluster.launch(i);
        }
        cluster.awaitNodes(nodes);
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up a Kafka cluster under " + dir, e);
    }
  }

  /** Every node's PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The number of nodes. */
  public int size() {
    return configs.size();
  }

  /**
   * Ends node {@code node} (1-based) with SIGKILL, as a crash does, and waits for it to be gone.
   */
  public synchronized void kill(int node) {
    Process p = processes[node - 1];
    if (p != null) {
      p.destroyForcibly();
      waitFor(p);
      processes[node - 1] = null;
    }
  }

  /** Starts a killed or stopped node again on its data and returns once the cluster sees it. */
  public void restart(int node) {
    launch(node);
    awaitNodes(size());
  }

  /** Stops every node with SIGTERM (killing what does not stop); data stays under the dir. */
  @Override
  public synchronized void close() {
    for (Process p : processes) {
      if (p != null) {
        p.destroy();
      }
    }
    for (int i = 0; i < processes.length; i++) {
      if (processes[i] != null) {
        try {
          if (!processes[i].waitFor(60, TimeUnit.SECONDS)) {
            processes[i].destroyForcibly();
            waitFor(processes[i]);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          processes[i].destroyForcibly();
        }
        processes[i] = null;
      }
    }
  }

  private synchronized void launch(int node) {
    if (processes[node - 1] != null && processes[node - 1].isAlive()) {
      throw new IllegalStateException("node " + node + " is running");
    }
    Path config = configs.get(node - 1);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx320m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "kafka.Kafka",
            config.toString());
    Path log = config.getParent().resolve("node.log");
    try {
      processes[node - 1] =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka node " + node, e);
    }
  }

  private void awaitNodes(int nodes) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(props)) {
      while (true) {
        for (int i = 0; i < processes.length; i++) {
          Process p = processes[i];
          if (p != null && !p.isAlive()) {
            throw new IllegalStateException(
                "Kafka node " + (i + 1) + " exited " + p.exitValue() + "; see " + dir);
          }
        }
        try {
          int seen =
              admin
                  .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                  .nodes()
                  .get(10, TimeUnit.SECONDS)
                  .size();
          if (seen >= nodes) {
            return;
          }
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
          // not up yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the Kafka cluster did not show "
                  + nodes
                  + " nodes in "
                  + READY_TIMEOUT
                  + "; see "
                  + dir);
        }
        sleep();
      }
    }
  }

  private static Properties properties(
      int id, int nodes, Path node, int brokerPort, int controllerPort, String voters) {
    String replicas = Integer.toString(nodes);
    String minIsr = nodes >= 3 ? "2" : "1";
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(id));
    p.setProperty("controller.quorum.voters", voters);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", node.resolve("logs").toAbsolutePath().toString());
    p.setProperty("num.partitions", "3");
    p.setProperty("default.replication.factor", replicas);
    p.setProperty("min.insync.replicas", minIsr);
    p.setProperty("offsets.topic.replication.factor", replicas);
    p.setProperty("offsets.topic.num.partitions", "3");
    p.setProperty("transaction.state.log.replication.factor", replicas);
    p.setProperty("transaction.state.log.min.isr", minIsr);
    p.setProperty("transaction.state.log.num.partitions", "3");
    p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
    p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // As the dev broker (EmbeddedKafka): a consumer killed without leaving holds its partitions
    // until its session expires, 10 s rather than Kafka's 45 s, so that a chaos run's kill -9 of a
    // warmer or replicator is recovered from in seconds, not in the better part of a minute.
    p.setProperty("group.consumer.min.session.timeout.ms", "6000");
    p.setProperty("group.consumer.session.timeout.ms", "10000");
    p.setProperty("group.consumer.min.heartbeat.interval.ms", "1000");
    p.setProperty("group.consumer.heartbeat.interval.ms", "2000");
    // Topics come from modmirror's topic plan, never from a client's first use.
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("unclean.leader.election.enable", "false");
    p.setProperty("broker.session.timeout.ms", "6000");
    p.setProperty("broker.heartbeat.interval.ms", "500");
    return p;
  }

  private static void format(Path config, String clusterId) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      String[] args = {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"};
      rc = StorageTool.execute(args, print);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "kafka storage format failed (" + rc + "): " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
