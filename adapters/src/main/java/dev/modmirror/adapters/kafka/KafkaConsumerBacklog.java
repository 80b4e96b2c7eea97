package dev.modmirror.adapters.kafka;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.ConsumerBacklog;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A group's backlog read from the broker: its committed offsets and the topic's end offsets, then
 * the record at each committed offset. The consumer only assigns partitions, never subscribes or
 * commits, so the group's members and offsets are untouched.
 */
public final class KafkaConsumerBacklog implements ConsumerBacklog {
  private final KafkaBusConfig config;
  private final EventJson json = EventJson.create();

  public KafkaConsumerBacklog(KafkaBusConfig config) {
    this.config = config;
  }

  @Override
  public <E extends Event> Backlog<E> of(Topic<E> topic, String group) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(group))) {
      Duration timeout = config.publishTimeout();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(new HashSet<>(partitions), timeout);
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> from = new HashMap<>();
      long records = 0;
      for (TopicPartition p : partitions) {
        OffsetAndMetadata c = committed.get(p);
        long start = Math.max(begin.get(p), c == null ? begin.get(p) : c.offset());
        if (start < end.get(p)) {
          from.put(p, start);
          records += end.get(p) - start;
        }
      }
      return new Backlog<>(records, oldest(consumer, topic, from));
    } catch (KafkaException e) {
      throw new TransientException(
          "reading the backlog of " + group + " on " + topic.name() + ": " + e, null, null, e);
    }
  }

  /** The record at each partition's start offset. */
  private <E extends Event> List<E> oldest(
      KafkaConsumer<String, byte[]> consumer, Topic<E> topic, Map<TopicPartition, Long> from) {
    List<E> oldest = new ArrayList<>();
    if (from.isEmpty()) {
      return oldest;
    }
    consumer.assign(from.keySet());
    from.forEach(consumer::seek);
    Set<TopicPartition> left = new HashSet<>(from.keySet());
    long deadline = System.nanoTime() + config.publishTimeout().toNanos();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition p = new TopicPartition(r.topic(), r.partition());
        if (left.remove(p)) {
          try {
            oldest.add(json.read(topic, r.value()));
          } catch (RuntimeException e) {
            // An unreadable record counts in the backlog but has no time to report.
          }
          consumer.pause(List.of(p));
        }
      }
    }
    return oldest;
  }

  private Properties properties(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-backlog");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
