package dev.modmirror.deploy.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Records each of the services' consumer groups has not handled yet: for every partition whose
 * committed offset is below its end, the records between them are read (read_committed) and
 * counted. Counting records rather than subtracting offsets matters: transactional producers (the
 * index follower, the dedupe stage) leave commit markers, which take an offset but are no record
 * anyone must handle.
 */
final class ConsumerLag {
  private ConsumerLag() {}

  /** Records behind, per group whose id starts with one of {@code prefixes}. */
  static Map<String, Long> of(String bootstrap, List<String> prefixes) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    Map<String, Long> lag = new HashMap<>();
    try (Admin admin = Admin.create(p)) {
      for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(1, TimeUnit.MINUTES)) {
        String id = group.groupId();
        if (prefixes.stream().noneMatch(id::startsWith)) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(id)
                .partitionsToOffsetAndMetadata()
                .get(1, TimeUnit.MINUTES);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(1, TimeUnit.MINUTES);
        long behind = 0;
        for (var e : committed.entrySet()) {
          if (e.getValue() == null) {
            continue;
          }
          long end = ends.get(e.getKey()).offset();
          if (end > e.getValue().offset()) {
            behind += records(bootstrap, e.getKey(), e.getValue().offset(), end);
          }
        }
        lag.put(id, behind);
      }
    }
    return lag;
  }

  private static long records(String bootstrap, TopicPartition tp, long from, long end) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, from);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end) {
            count++;
          }
        }
      }
    }
    return count;
  }
}
