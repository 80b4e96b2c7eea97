package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.testkit.contract.EventBusContract;
import dev.modmirror.testkit.kafka.TestKafka;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event bus contract against a real Kafka broker, plus corrupted-record handling. */
class KafkaEventBusIT extends EventBusContract {
  private static final Duration WAIT = Duration.ofSeconds(45);
  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();
  private static final Queue<DeadLettered> DEAD_LETTERS = new ConcurrentLinkedQueue<>();

  private static KafkaConsumer<String, byte[]> deadLetterReader;
  private static Thread deadLetterThread;

  /** A record seen on the dead-letter topic. */
  record DeadLettered(String key, byte[] value, Map<String, String> headers) {}

  @BeforeAll
  static void startDeadLetterReader() {
    KafkaTopics.createIfAbsent(config());
    deadLetterReader = new KafkaConsumer<>(readerProperties());
    deadLetterReader.subscribe(List.of(Topics.DEAD_LETTER));
    deadLetterThread = new Thread(KafkaEventBusIT::readDeadLetters, "it-dead-letter-reader");
    deadLetterThread.start();
  }

  @AfterAll
  static void stopDeadLetterReader() throws InterruptedException {
    deadLetterReader.wakeup();
    deadLetterThread.join();
  }

  @Override
  protected EventBus newBus() {
    return KafkaEventBus.create(config(), OTEL.getOpenTelemetry());
  }

  @Override
  protected List<String> deadLetteredKeys(EventBus bus) {
    return DEAD_LETTERS.stream().map(DeadLettered::key).toList();
  }

  @Test
  void aCorruptedRecordIsDeadLetteredAndTheNextOneStillDelivered() {
    String module = "example.com/corrupt/m" + UUID.randomUUID().toString().substring(0, 8);
    String badKey = module + "@v1.0.0";
    ModuleRef good = ModuleRef.of(module, "v1.0.1");
    Queue<ModuleRef> handled = new ConcurrentLinkedQueue<>();
    try (EventBus bus = newBus();
        KafkaProducer<String, byte[]> raw = new KafkaProducer<>(rawProducerProperties())) {
      bus.subscribe(
          Topics.REQUESTS,
          "it-corrupt-" + UUID.randomUUID(),
          e -> {
            if (e.ref().path().value().equals(module)) {
              handled.add(e.ref());
            }
          });
      raw.send(new ProducerRecord<>(Topics.REQUESTS.name(), badKey, bytes("{\"schema\":1,\"modu")));
      raw.flush();
      bus.publish(
          Topics.REQUESTS,
          VersionRequested.of(
              good, RequestSource.MANUAL, "it", Instant.parse("2026-11-25T00:00:00Z")));

      await(() -> handled.contains(good), "the good record after the corrupted one");
      await(() -> deadLetter(badKey) != null, "the corrupted record on the dead-letter topic");
    }
    DeadLettered copy = deadLetter(badKey);
    assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schema\":1,\"modu");
    assertThat(copy.headers())
        .containsEntry(DeadLetters.ERROR_KIND, "invalid-input")
        .containsEntry(DeadLetters.SOURCE_TOPIC, Topics.REQUESTS.name())
        .containsKeys(DeadLetters.SOURCE_PARTITION, DeadLetters.SOURCE_OFFSET);
    assertThat(copy.headers().get(DeadLetters.ERROR)).contains("unreadable JSON");
    assertThat(handled).containsExactly(good);
  }

  private static DeadLettered deadLetter(String key) {
    return DEAD_LETTERS.stream().filter(d -> key.equals(d.key())).findFirst().orElse(null);
  }

  private static void readDeadLetters() {
    try {
      while (true) {
        for (ConsumerRecord<String, byte[]> r : deadLetterReader.poll(Duration.ofMillis(100))) {
          Map<String, String> headers =
              StreamSupport.stream(r.headers().spliterator(), false)
                  .collect(
                      Collectors.toMap(
                          Header::key,
                          h -> new String(h.value(), StandardCharsets.UTF_8),
                          (a, b) -> b));
          DEAD_LETTERS.add(new DeadLettered(r.key(), r.value(), headers));
        }
      }
    } catch (WakeupException e) {
      // stopDeadLetterReader
    } finally {
      deadLetterReader.close();
    }
  }

  private static KafkaBusConfig config() {
    return KafkaBusConfig.of(TestKafka.bootstrapServers(), "it");
  }

  private static Properties readerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dead-letter-reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }

  private static Properties rawProducerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
