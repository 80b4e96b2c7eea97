package dev.modmirror.adapters.kafka;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.demand.DemandRanking;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.DemandObserved;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.module.ModulePath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Ranks modules by reading {@link Topics#DEMAND} itself: every partition from the first record of
 * the last {@code window} to the end, counting observations per module whose {@code observedAt} is
 * within the window. Exact and global (all partitions, whatever process owns them), at the cost of
 * reading a window of demand per call: meant for a nightly run and {@code modmirror prefetch
 * --now}, which runs outside the service and has no local state store. Unreadable records are
 * skipped.
 */
public final class TopicDemandRanking implements DemandRanking {
  private final KafkaBusConfig config;
  private final Duration window;
  private final Clock clock;
  private final EventJson json = EventJson.create();

  public TopicDemandRanking(KafkaBusConfig config, Duration window, Clock clock) {
    this.config = config;
    this.window = window;
    this.clock = clock;
  }

  /** Every module demanded within the window, with its count. */
  public Map<String, Long> counts() {
    Instant now = clock.instant();
    Instant from = now.minus(window);
    Map<String, Long> counts = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.DEMAND.name(), config.publishTimeout()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp start = starts.get(p);
        consumer.seek(p, start == null ? end.get(p) : start.offset());
      }
      long deadline = System.nanoTime() + config.publishTimeout().toNanos() * 4;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new TransientException("reading " + Topics.DEMAND.name() + " took too long");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          count(r.value(), from, now, counts);
        }
      }
    } catch (KafkaException e) {
      throw new TransientException("reading " + Topics.DEMAND.name() + ": " + e, null, null, e);
    }
    return counts;
  }

  private void count(byte[] value, Instant from, Instant now, Map<String, Long> counts) {
    DemandObserved demand;
    try {
      demand = json.read(Topics.DEMAND, value);
    } catch (RuntimeException e) {
      return;
    }
    if (!demand.observedAt().isBefore(from) && !demand.observedAt().isAfter(now)) {
      counts.merge(demand.ref().path().value(), 1L, Long::sum);
    }
  }

  @Override
  public List<ModulePath> top(int limit) {
    return counts().entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .map(e -> ModulePath.of(e.getKey()))
        .toList();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-demand-ranking");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
