package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.webhook.BranchFetch;
import dev.modmirror.testkit.kafka.TestKafka;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Branch fetches on the real broker: a fetch queued by a process that died before reading it is
 * read by the next one, a transient failure hands it over again, a record that is not a fetch is
 * dead-lettered without holding the ones behind it.
 */
class KafkaBranchFetchesIT {
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final KafkaBusConfig config =
      KafkaBusConfig.of(TestKafka.bootstrapServers(), "branch-it");

  @Test
  void aFetchQueuedBeforeACrashIsReadByTheNextProcess() throws Exception {
    String group = "branch-it-" + run;
    KafkaBranchFetches.open(config, group, OpenTelemetry.noop()).close();
    // The topic is shared with other tests: this group starts where they ended.
    TestKafka.startGroupAtEnd(group, List.of(Topics.BRANCH_FETCHES));
    BranchFetch first = fetch("first");
    BranchFetch second = fetch("second");
    try (KafkaBranchFetches dead = KafkaBranchFetches.open(config, group, OpenTelemetry.noop())) {
      assertThat(dead.queue(first)).isTrue();
      assertThat(dead.queue(second)).isTrue();
      // Closed without ever reading: as a process killed after answering the webhooks.
    }

    List<BranchFetch> read = new CopyOnWriteArrayList<>();
    try (KafkaBranchFetches next = KafkaBranchFetches.open(config, group, OpenTelemetry.noop())) {
      next.start(read::add);
      await(() -> read.size() >= 2);
    }
    assertThat(read).containsExactly(first, second);
  }

  @Test
  void aTransientFailureHandsTheFetchOverAgainAndARecordThatIsNotAFetchIsSkipped()
      throws Exception {
    String group = "branch-it-retry-" + run;
    KafkaBranchFetches.open(config, group, OpenTelemetry.noop()).close();
    TestKafka.startGroupAtEnd(group, List.of(Topics.BRANCH_FETCHES));
    BranchFetch flaky = fetch("flaky");
    BranchFetch after = fetch("after");
    try (KafkaProducer<String, byte[]> raw = rawProducer()) {
      // One partition key for all three, so they are read in this order.
      raw.send(new ProducerRecord<>(Topics.BRANCH_FETCHES, flaky.repository(), bytes("{oops")))
          .get(30, TimeUnit.SECONDS);
    }
    AtomicInteger attempts = new AtomicInteger();
    List<BranchFetch> done = new CopyOnWriteArrayList<>();
    try (KafkaBranchFetches fetches =
        KafkaBranchFetches.open(config, group, OpenTelemetry.noop())) {
      fetches.queue(flaky);
      fetches.queue(after);
      fetches.start(
          f -> {
            if (f.equals(flaky) && attempts.incrementAndGet() == 1) {
              throw new TransientException("the bus is down for a moment");
            }
            done.add(f);
          });
      await(() -> done.size() >= 2);
    }
    assertThat(attempts).hasValue(2);
    assertThat(done).containsExactly(flaky, after);
    // The record that was not a fetch is kept in the dead-letter topic, with why and whose.
    DeadLetterReplay.Summary letters =
        DeadLetterReplay.run(
            config,
            Optional.empty(),
            DeadLetterReplay.filter("key=" + flaky.repository())
                .and(DeadLetterReplay.filter("group=" + group))
                .and(DeadLetterReplay.filter("kind=invalid-input")),
            true,
            line -> {});
    assertThat(letters.replayed()).isEqualTo(1);
  }

  private BranchFetch fetch(String commit) {
    return new BranchFetch("github", "org-" + run + "/repo", commit, List.of("go.mod"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private KafkaProducer<String, byte[]> rawProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            config.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 90 s");
      }
      Thread.sleep(50);
    }
  }
}
