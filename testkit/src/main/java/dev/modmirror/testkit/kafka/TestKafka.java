package dev.modmirror.testkit.kafka;

import dev.modmirror.embedded.kafka.EmbeddedKafka;
import dev.modmirror.testkit.ServerChoice;
import dev.modmirror.testkit.TempDirs;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, started on first use and stopped at JVM exit: a container
 * ({@value #IMAGE}) when {@link ServerChoice#useContainers()}, otherwise the embedded KRaft broker.
 * Tests share it, so each test should use its own topic names and consumer groups.
 */
public final class TestKafka {
  /** The pinned Kafka image for the Testcontainers branch. */
  public static final String IMAGE = "apache/kafka:4.1.0";

  private static String bootstrapServers;

  private TestKafka() {}

  /**
   * The broker's {@code bootstrap.servers}; starts it on the first call.
   *
   * @throws IllegalStateException if the broker cannot start: tests needing Kafka then fail, they
   *     are never skipped
   */
  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      bootstrapServers = start();
    }
    return bootstrapServers;
  }

  /**
   * Commits {@code group}'s position at the current end of each of {@code topics} that exists, so
   * that a consumer group started afterwards handles what is published from now on, not the backlog
   * that earlier tests left on this shared broker (a new group starts at the earliest offset, as a
   * new deployment must). Call it before the group's consumers start.
   */
  public static void startGroupAtEnd(String group, Collection<String> topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (var description :
          admin
              .describeTopics(topics.stream().filter(existing::contains).toList())
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .values()) {
        for (TopicPartitionInfo p : description.partitions()) {
          ends.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
      admin
          .listOffsets(ends)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, end) -> positions.put(tp, new OffsetAndMetadata(end.offset())));
      if (!positions.isEmpty()) {
        admin.alterConsumerGroupOffsets(group, positions).all().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while positioning group " + group, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not position group " + group + " at the end", e);
    }
  }

  private static String start() {
    String mode = ServerChoice.label();
    try {
      return ServerChoice.useContainers() ? startContainer() : startEmbedded();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "TestKafka: the "
              + mode
              + " Kafka broker could not start; tests that need Kafka fail rather than skip."
              + " Set -D"
              + ServerChoice.PROPERTY
              + "=true|false to choose the other kind. Cause: "
              + e,
          e);
    }
  }

  private static String startEmbedded() {
    Path dir = TempDirs.create("modmirror-kafka-");
    EmbeddedKafka kafka = EmbeddedKafka.start(dir);
    onExit(
        () -> {
          kafka.close();
          TempDirs.deleteTree(dir);
        });
    return kafka.bootstrapServers();
  }

  @SuppressWarnings("resource") // stopped by the exit hook
  private static String startContainer() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    onExit(container::stop);
    return container.getBootstrapServers();
  }

  private static void onExit(Runnable action) {
    Runtime.getRuntime().addShutdownHook(new Thread(action, "testkafka-stop"));
  }
}
