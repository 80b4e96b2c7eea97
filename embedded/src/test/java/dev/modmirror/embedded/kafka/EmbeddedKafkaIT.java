package dev.modmirror.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
  @TempDir Path dir;

  @Test
  void producesAndConsumesThroughAGroupAndKeepsRecordsAcrossRestart() throws Exception {
    EmbeddedKafka first = timedStart("first start");
    produce(first.bootstrapServers(), "before-restart");
    assertThat(consumeAll(first.bootstrapServers(), "g1", 1)).containsExactly("before-restart");
    long t0 = System.nanoTime();
    first.close();
    System.out.printf(
        "EmbeddedKafka close: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    assertThat(Files.readString(dir.resolve("cluster.id")).strip()).isNotEmpty();

    try (EmbeddedKafka kafka = timedStart("restart on same dir")) {
      produce(kafka.bootstrapServers(), "after-restart");
      assertThat(consumeAll(kafka.bootstrapServers(), "g2", 2))
          .containsExactly("before-restart", "after-restart");
    }
  }

  private EmbeddedKafka timedStart(String what) {
    long t0 = System.nanoTime();
    EmbeddedKafka kafka = EmbeddedKafka.start(dir);
    System.out.printf(
        "EmbeddedKafka %s: %d ms%n", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return kafka;
  }

  private static void produce(String bootstrap, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("t", "k", value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> consumeAll(String bootstrap, String group, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("t"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      consumer.commitSync();
    }
    return values;
  }
}
