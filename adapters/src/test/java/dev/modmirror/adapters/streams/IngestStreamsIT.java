package dev.modmirror.adapters.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.kafka.KafkaBusConfig;
import dev.modmirror.adapters.kafka.KafkaEventBus;
import dev.modmirror.core.dedupe.DedupeRules;
import dev.modmirror.core.dedupe.VersionState;
import dev.modmirror.core.event.DemandKind;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.TempDirs;
import dev.modmirror.testkit.kafka.TestKafka;
import dev.modmirror.testkit.kafka.TopicRecords;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The dedupe stage and the demand count on the real broker, exactly once; unreadable input
 * dead-lettered.
 */
class IngestStreamsIT {
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private List<String> warmKeys(String topic) {
    return TopicRecords.readAll(TestKafka.bootstrapServers(), topic).stream()
        .map(TopicRecords.Seen::key)
        .filter(k -> k.contains(run))
        .toList();
  }

  private static boolean bothDecided(IngestStreams streams, ModuleRef b) {
    try {
      return streams
          .dedupeState(b)
          .map(
              s ->
                  s.status() == VersionState.Status.WARMED
                      && s.sources().contains(RequestSource.INDEX))
          .orElse(false);
    } catch (RuntimeException e) {
      return false; // store not queryable yet (rebalancing)
    }
  }

  private static void poison(String topic, String key) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  key.getBytes(StandardCharsets.UTF_8),
                  "{not an event".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  /** This run's dead letters, once there are {@code count} of them (or at the deadline). */
  private List<ConsumerRecord<byte[], byte[]>> deadLetters(int count, long deadline)
      throws InterruptedException {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.DEAD_LETTER, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (mine.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).contains(run)) {
            mine.add(r);
          }
        }
      }
    }
    return mine;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void forwardsEachVersionOnceAndCountsDemand() throws Exception {
    KafkaBusConfig kafka = KafkaBusConfig.of(TestKafka.bootstrapServers(), "streams-it");
    Path state = TempDirs.create("streams-it-");
    ModuleRef a = ModuleRef.of("example.com/" + run + "/a", "v1.0.0");
    ModuleRef b = ModuleRef.of("example.com/" + run + "/b", "v1.0.0");
    Instant now = Instant.now();
    try (KafkaEventBus bus = KafkaEventBus.create(kafka, OpenTelemetry.noop());
        IngestStreams streams =
            IngestStreams.start(
                kafka,
                new IngestStreams.Settings(
                    "it-" + run,
                    state,
                    Optional.of("it-" + run),
                    DedupeRules.defaults(),
                    Duration.ofDays(7)),
                DedupeListener.none())) {
      for (int i = 0; i < 3; i++) {
        bus.publish(Topics.REQUESTS, VersionRequested.of(a, RequestSource.WEBHOOK, "it", now));
        bus.publish(Topics.DEMAND, DemandObserved.of(a, DemandKind.ZIP, "it", now));
      }
      bus.publish(Topics.WARMED, VersionWarmed.of(b, "h1:x", "h1:y", 1, now));
      // Poison on two topics only the streams read: dead-lettered, and the stage goes on.
      poison(Topics.REQUESTS.name(), "poison-" + run + "-requests");
      poison(Topics.DEMAND.name(), "poison-" + run + "-demand");
      bus.publish(Topics.REQUESTS, VersionRequested.of(b, RequestSource.INDEX, "it", now));
      bus.publish(Topics.REQUESTS, VersionRequested.of(b, RequestSource.INDEX, "it", now));
      assertThat(streams.awaitRunning(Duration.ofSeconds(60))).isTrue();

      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (warmKeys(Topics.WARM_URGENT.name()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      // Both requests for b were decided (dropped: warmed); a's three forwarded once.
      while (!bothDecided(streams, b) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(warmKeys(Topics.WARM_URGENT.name())).containsExactly(a.key());
      assertThat(warmKeys(Topics.WARM_BACKFILL.name())).isEmpty();

      DemandCounts counts = streams.demandCounts(Clock.systemUTC());
      while (counts.counts().getOrDefault(a.path().value(), 0L) < 3
          && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(counts.top(10)).contains(ModulePath.of(a.path().value()));

      List<ConsumerRecord<byte[], byte[]>> dead =
          deadLetters(2, System.nanoTime() + Duration.ofSeconds(60).toNanos());
      assertThat(dead)
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("poison-" + run + "-requests", "poison-" + run + "-demand");
      for (ConsumerRecord<byte[], byte[]> r : dead) {
        assertThat(header(r, "modmirror.group")).isEqualTo("it-" + run);
        assertThat(header(r, "modmirror.error.kind")).isEqualTo("invalid-input");
        assertThat(header(r, "modmirror.source.topic"))
            .isIn(Topics.REQUESTS.name(), Topics.DEMAND.name());
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not an event");
      }
    } finally {
      TempDirs.deleteTree(state);
    }
  }
}
