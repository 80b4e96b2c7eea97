package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Handled;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.kafka.TestKafka;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The interleavings of issue 16 that broke delivery, on the real broker: each failed before the
 * consumer engine (a slow record was handled again and again, a failed outcome publish was
 * dead-lettered, an oversized poison record stopped its partition for good).
 */
class DeliveryInterleavingsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Instant AT = Instant.parse("2026-11-25T00:00:00Z");
  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final List<EventBus> buses = new ArrayList<>();
  private final String module =
      "example.com/interleave/m" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void closeBuses() {
    buses.forEach(EventBus::close);
  }

  /**
   * Issue 16 item 2: with a poll interval shorter than the handling, the old loop missed its poll,
   * lost the partition, and the record was handled again (twice at once, by two members).
   */
  @Test
  void aRecordSlowerThanThePollIntervalIsHandledOnceAndNeverTwiceAtOnce() throws Exception {
    String group = "it-slow-" + UUID.randomUUID();
    Map<String, Object> shortInterval = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 3_000);
    ModuleRef slow = ref("v9.0.0");
    Map<ModuleRef, Integer> handled = new ConcurrentHashMap<>();
    Set<String> members = ConcurrentHashMap.newKeySet();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    for (String member : List.of("a", "b")) {
      EventBus bus = bus(shortInterval);
      bus.consume(
          Consumption.of(Topics.REQUESTS, group).withDeadline(Duration.ofSeconds(30)),
          (event, delivery) -> {
            if (!ours(event.ref())) {
              return Handled.done();
            }
            members.add(member);
            if (event.ref().equals(slow)) {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              sleep(10_000); // more than three poll intervals
              running.decrementAndGet();
            }
            handled.merge(event.ref(), 1, Integer::sum);
            return Handled.done();
          });
    }
    // Both members are in the group and stable before the slow record comes.
    EventBus publisher = bus(Map.of());
    for (int i = 0; members.size() < 2 && i < 60; i++) {
      publisher.publish(Topics.REQUESTS, request(ref("v1.0." + i)));
      sleep(200);
    }
    assertThat(members).as("both members took records").hasSize(2);

    publisher.publish(Topics.REQUESTS, request(slow));

    await(() -> handled.containsKey(slow), "the slow record handled");
    await(() -> nothingLeft(group), "the group's position past every record");
    assertThat(handled.get(slow)).as("times the slow record was handled").isEqualTo(1);
    assertThat(mostAtOnce.get()).isEqualTo(1);
  }

  /** Issue 16 item 4: a publish timeout used to dead-letter the request and commit it. */
  @Test
  void anOutcomeWhosePublishTimesOutIsRetriedNotDeadLettered() {
    String group = "it-publish-" + UUID.randomUUID();
    EventBus bus = bus(Map.of());
    ModuleRef ref = ref("v1.0.0");
    AtomicInteger attempts = new AtomicInteger();
    Queue<VersionWarmed> warmed = new ConcurrentLinkedQueue<>();
    bus.subscribe(
        Topics.WARMED,
        "it-outcomes-" + UUID.randomUUID(),
        e -> {
          if (ours(e.ref())) {
            warmed.add(e);
          }
        });
    bus.subscribe(
        Topics.REQUESTS,
        group,
        event -> {
          if (!ours(event.ref())) {
            return;
          }
          if (attempts.incrementAndGet() == 1) {
            throw new TransientException("publish to modmirror.warmed.v1: not acknowledged (test)");
          }
          bus.publish(Topics.WARMED, VersionWarmed.of(event.ref(), "h1:a=", "h1:b=", 1, AT));
        });

    bus.publish(Topics.REQUESTS, request(ref));

    await(() -> warmed.size() == 1, "the outcome published on the second attempt");
    await(() -> nothingLeft(group), "the request acknowledged");
    assertThat(attempts.get()).isEqualTo(2);
    assertThat(deadLetters(ref.key(), Duration.ofSeconds(2))).isEmpty();
  }

  /**
   * Issue 16 item 5: a record of 1,048,400 unreadable bytes plus the error headers is larger than
   * the producer may send; the dead-letter send failed for good and the partition never moved.
   */
  @Test
  void anOversizedPoisonRecordIsDeadLetteredTruncatedAndItsPartitionMovesOn() throws Exception {
    String group = "it-poison-" + UUID.randomUUID();
    ModuleRef ref = ref("v1.0.0");
    byte[] poison = new byte[1_048_400];
    Arrays.fill(poison, (byte) 'x');
    Queue<ModuleRef> handled = new ConcurrentLinkedQueue<>();
    EventBus bus = bus(Map.of());
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(rawProducer())) {
      // Same key: the valid record sits behind the poison one in the same partition.
      raw.send(new ProducerRecord<>(Topics.REQUESTS.name(), ref.key(), poison))
          .get(30, TimeUnit.SECONDS);
    }
    bus.publish(Topics.REQUESTS, request(ref));
    bus.subscribe(
        Topics.REQUESTS,
        group,
        event -> {
          if (ours(event.ref())) {
            handled.add(event.ref());
          }
        });

    await(() -> handled.contains(ref), "the valid record behind the poison one");
    await(() -> nothingLeft(group), "the partition's position past both");
    List<ConsumerRecord<String, byte[]>> copies = deadLetters(ref.key(), WAIT);
    assertThat(copies).hasSize(1);
    ConsumerRecord<String, byte[]> copy = copies.get(0);
    assertThat(copy.value()).hasSize(DeadLetters.TRUNCATED_PREFIX);
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.TRUNCATED)).isEqualTo("true");
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.ORIGINAL_SIZE)).isEqualTo("1048400");
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.ORIGINAL_SHA256))
        .isEqualTo(DeadLetters.sha256(poison));
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.ERROR_KIND))
        .isEqualTo("invalid-input");
  }

  private boolean nothingLeft(String group) {
    try (Admin admin = Admin.create(adminProperties())) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      admin
          .describeTopics(List.of(Topics.REQUESTS.name()))
          .allTopicNames()
          .get()
          .get(Topics.REQUESTS.name())
          .partitions()
          .forEach(
              p ->
                  latest.put(
                      new TopicPartition(Topics.REQUESTS.name(), p.partition()),
                      OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      for (var end : ends.entrySet()) {
        OffsetAndMetadata position = committed.get(end.getKey());
        long at = position == null ? 0 : position.offset();
        if (at < end.getValue().offset()) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(String key, Duration wait) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dlq-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(p)) {
      reader.subscribe(List.of(Topics.DEAD_LETTER));
      long until = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < until && found.isEmpty()) {
        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
          if (key.equals(r.key())) {
            found.add(r);
          }
        }
      }
    }
    return found;
  }

  private EventBus bus(Map<String, Object> consumerOverrides) {
    EventBus bus =
        KafkaEventBus.create(
            KafkaBusConfig.of(TestKafka.bootstrapServers(), "it"),
            OTEL.getOpenTelemetry(),
            failure -> {},
            consumerOverrides);
    buses.add(bus);
    return bus;
  }

  private boolean ours(ModuleRef ref) {
    return ref.path().value().equals(module);
  }

  private ModuleRef ref(String version) {
    return ModuleRef.of(module, version);
  }

  private static VersionRequested request(ModuleRef ref) {
    return VersionRequested.of(ref, RequestSource.MANUAL, "it", AT);
  }

  private static Properties adminProperties() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    return p;
  }

  private static Properties rawProducer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 << 20);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted (test)");
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
      }
      sleep(100);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
