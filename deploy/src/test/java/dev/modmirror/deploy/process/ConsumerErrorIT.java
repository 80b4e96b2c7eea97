package dev.modmirror.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.service.ErrorThrowingService;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.kafka.TestKafka;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 8: a JVM {@link Error} on a consumer's thread used to end that thread silently,
 * leaving the process running with fewer consumers. It now reports unhealthy and exits non-zero.
 */
class ConsumerErrorIT {
  @Test
  void anErrorOnAConsumerThreadMakesTheProcessExitNonZero() throws Exception {
    Path work = TempDirs.create("consumer-error-");
    String group = "error-" + UUID.randomUUID();
    try (KafkaEventBus bus =
        KafkaEventBus.create(
            KafkaBusConfig.of(TestKafka.bootstrapServers(), "error-it"), OpenTelemetry.noop())) {
      bus.publish(
          Topics.REQUESTS,
          VersionRequested.of(
              ModuleRef.of("example.com/error" + group.substring(6, 14), "v1.0.0"),
              RequestSource.MANUAL,
              "it",
              Instant.parse("2026-11-25T00:00:00Z")));
      Map<String, String> env =
          Map.of(
              "MODMIRROR_KAFKA_BOOTSTRAP", TestKafka.bootstrapServers(),
              "MODMIRROR_S3_ENDPOINT", "http://127.0.0.1:1",
              "MODMIRROR_S3_ACCESS_KEY", "unused",
              "MODMIRROR_S3_SECRET_KEY", "unused",
              "TEST_GROUP", group);
      try (ChildJvm service =
          ChildJvm.start("service", work, env, ErrorThrowingService.class.getName())) {
        int exit = service.awaitExit(Duration.ofSeconds(120));

        assertThat(exit).as("exit code; stderr:\n" + service.stderr()).isEqualTo(70);
        assertThat(service.stderr())
            .contains("modmirror: unhealthy, stopping: group " + group)
            .contains("java.lang.OutOfMemoryError: Java heap space (test)");
      }
    } finally {
      TempDirs.deleteTree(work);
    }
  }
}
