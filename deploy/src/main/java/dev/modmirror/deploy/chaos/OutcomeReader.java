package dev.modmirror.deploy.chaos;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the outcome topics ({@code warmed}, {@code failed}, {@code replicated}), the dead-letter
 * topic and the index checkpoints (their keys and offsets) from their beginning, without a consumer
 * group (it takes nothing from the services and commits nothing), read_committed, into {@link
 * Outcomes}. Records that do not read as events (the run's own poison) are counted, not fatal.
 */
final class OutcomeReader implements AutoCloseable {
  /** Header names of a dead letter ({@code adapters.kafka.DeadLetters}, docs/events.md). */
  private static final String SOURCE_TOPIC = "modmirror.source.topic";

  private static final String GROUP = "modmirror.group";

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Outcomes outcomes;
  private final EventJson json = EventJson.create();
  private final Thread thread;
  private volatile boolean running = true;

  private OutcomeReader(String bootstrap, Outcomes outcomes) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "chaos-outcomes");
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.outcomes = outcomes;
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(
            Topics.WARMED.name(),
            Topics.FAILED.name(),
            Topics.REPLICATED.name(),
            Topics.DEAD_LETTER,
            Topics.INDEX_CHECKPOINTS)) {
      consumer
          .partitionsFor(topic, Duration.ofMinutes(1))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::loop, "chaos-outcomes");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts reading; the topics must exist. */
  static OutcomeReader start(String bootstrap, Outcomes outcomes) {
    return new OutcomeReader(bootstrap, outcomes);
  }

  private void loop() {
    while (running) {
      try {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          take(r);
        }
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        return;
      } catch (RuntimeException e) {
        // A broker being killed: the client reconnects; keep polling.
        sleepQuietly();
      }
    }
  }

  private void take(ConsumerRecord<byte[], byte[]> r) {
    if (r.topic().equals(Topics.INDEX_CHECKPOINTS)) {
      outcomes.checkpoint(text(r.key()), r.offset());
      return;
    }
    if (r.topic().equals(Topics.DEAD_LETTER)) {
      outcomes.add(
          new Outcomes.DeadLetter(text(r.key()), header(r, SOURCE_TOPIC), header(r, GROUP)));
      return;
    }
    try {
      if (r.topic().equals(Topics.WARMED.name())) {
        outcomes.add(json.read(Topics.WARMED, r.value()));
      } else if (r.topic().equals(Topics.FAILED.name())) {
        outcomes.add(json.read(Topics.FAILED, r.value()));
      } else {
        outcomes.add(json.read(Topics.REPLICATED, r.value()));
      }
    } catch (RuntimeException e) {
      outcomes.unreadable();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "" : text(h.value());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
    consumer.close(Duration.ofSeconds(5));
  }
}
