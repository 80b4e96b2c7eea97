package dev.modmirror.testkit.kafka;

import dev.modmirror.embedded.kafka.EmbeddedKafka;
import dev.modmirror.testkit.ServerChoice;
import dev.modmirror.testkit.TempDirs;
import java.nio.file.Path;
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
