package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.kafka.TestKafka;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** {@code modmirror dlq replay} against the real broker. */
class DeadLetterReplayIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final String module =
      "example.com/replay/m" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void replaysWhatMatchesTheFilterToItsSourceTopicSoTheGroupHandlesItAgain() {
    KafkaBusConfig config = KafkaBusConfig.of(TestKafka.bootstrapServers(), "replay-it");
    String group = "it-replay-" + UUID.randomUUID();
    Map<ModuleRef, Integer> handled = new ConcurrentHashMap<>();
    ModuleRef first = ModuleRef.of(module, "v1.0.0");
    ModuleRef second = ModuleRef.of(module + "/other", "v1.0.0");
    Instant before = Instant.now();
    try (EventBus bus = KafkaEventBus.create(config, OpenTelemetry.noop())) {
      // A handler that fails until the fix is deployed: both requests are dead-lettered.
      var fixed = new java.util.concurrent.atomic.AtomicBoolean();
      bus.subscribe(
          Topics.REQUESTS,
          group,
          event -> {
            if (!event.ref().path().value().startsWith(module)) {
              return;
            }
            if (!fixed.get()) {
              throw new IllegalStateException("a bug, fixed in the next release (test)");
            }
            handled.merge(event.ref(), 1, Integer::sum);
          });
      bus.publish(Topics.REQUESTS, request(first));
      bus.publish(Topics.REQUESTS, request(second));
      await(() -> dryRun(config, before, group).replayed() == 2, "both dead-lettered");
      fixed.set(true);

      List<String> lines = new ArrayList<>();
      DeadLetterReplay.Summary summary =
          DeadLetterReplay.run(
              config,
              Optional.of(before),
              DeadLetterReplay.filter("group=" + group)
                  .and(DeadLetterReplay.filter("key=" + module + "@*")),
              false,
              lines::add);

      assertThat(summary.replayed()).isEqualTo(1);
      assertThat(lines).singleElement().asString().startsWith("replayed ").contains(first.key());
      await(() -> handled.containsKey(first), "the replayed request handled");
      assertThat(handled).doesNotContainKey(second);
    }
  }

  @Test
  void refusesAFilterOnAFieldItDoesNotKnow() {
    assertThatThrownBy(() -> DeadLetterReplay.filter("module=x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("FIELD one of key, topic, kind, group, error");
  }

  private static DeadLetterReplay.Summary dryRun(
      KafkaBusConfig config, Instant since, String group) {
    return DeadLetterReplay.run(
        config, Optional.of(since), DeadLetterReplay.filter("group=" + group), true, line -> {});
  }

  private static VersionRequested request(ModuleRef ref) {
    return VersionRequested.of(
        ref, RequestSource.MANUAL, "it", Instant.parse("2026-11-25T00:00:00Z"));
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
