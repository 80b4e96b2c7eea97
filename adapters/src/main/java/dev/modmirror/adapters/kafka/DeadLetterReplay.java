package dev.modmirror.adapters.kafka;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code modmirror dlq replay}: publishes dead-lettered records again to the topic they came from,
 * byte for byte with their original headers (trace context included) and without the error headers,
 * so every group consuming that topic works on them again (handlers are idempotent). Reads the
 * dead-letter topic without a consumer group, from {@code since} (or the start) up to its end when
 * the replay began, so a replay never loops over what it just caused. Truncated copies ({@link
 * DeadLetters#TRUNCATED}) cannot be replayed and are reported.
 */
public final class DeadLetterReplay {
  private static final Set<String> OURS =
      Set.of(
          DeadLetters.ERROR,
          DeadLetters.ERROR_KIND,
          DeadLetters.SOURCE_TOPIC,
          DeadLetters.SOURCE_PARTITION,
          DeadLetters.SOURCE_OFFSET,
          DeadLetters.GROUP,
          DeadLetters.TRUNCATED,
          DeadLetters.ORIGINAL_SIZE,
          DeadLetters.ORIGINAL_SHA256,
          RetryRecords.ATTEMPT,
          RetryRecords.DUE,
          RetryRecords.REASON);
  private static final Duration POLL = Duration.ofMillis(200);

  private DeadLetterReplay() {}

  /**
   * One dead-lettered record as {@code --filter} sees it.
   *
   * @param fields {@code key}, {@code topic} (the source topic), {@code kind}, {@code group},
   *     {@code error}: absent ones are empty strings
   */
  public record Letter(Map<String, String> fields, Instant at, boolean truncated) {}

  /** What a replay did. */
  public record Summary(int read, int replayed, int truncated, int filteredOut) {}

  /**
   * A filter from {@code field=glob} ({@code *} matches any run of characters, {@code ?} one);
   * fields: key, topic, kind, group, error.
   *
   * @throws InvalidInputException naming the field or form that is wrong
   */
  public static Predicate<Letter> filter(String spec) {
    int eq = spec.indexOf('=');
    String field = eq < 0 ? "" : spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
    if (!Set.of("key", "topic", "kind", "group", "error").contains(field)) {
      throw new InvalidInputException(
          "--filter '"
              + spec
              + "': expected FIELD=GLOB with FIELD one of key, topic, kind, group,"
              + " error");
    }
    Pattern glob = glob(spec.substring(eq + 1));
    return letter -> glob.matcher(letter.fields().getOrDefault(field, "")).matches();
  }

  /**
   * Replays what matches {@code filter}.
   *
   * @param since replay only records dead-lettered at or after this instant; empty for all
   * @param dryRun report what would be replayed, publish nothing
   * @param report receives one line per record replayed or skipped
   */
  public static Summary run(
      KafkaBusConfig config,
      Optional<Instant> since,
      Predicate<Letter> filter,
      boolean dryRun,
      Consumer<String> report) {
    KafkaTopics.createIfAbsent(config, List.of());
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(readerProperties(config));
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(config))) {
      List<TopicPartition> partitions = new ArrayList<>();
      reader
          .partitionsFor(Topics.DEAD_LETTER, config.connectTimeout())
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      reader.assign(partitions);
      Map<TopicPartition, Long> ends = reader.endOffsets(partitions, config.connectTimeout());
      seek(reader, partitions, since, config);
      int read = 0;
      int replayed = 0;
      int truncated = 0;
      int filtered = 0;
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      while (!done(reader, ends)) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
          if (record.offset() >= ends.getOrDefault(partition(record), 0L)) {
            continue;
          }
          read++;
          Letter letter = letter(record);
          if (!filter.test(letter)) {
            filtered++;
          } else if (letter.truncated()) {
            truncated++;
            report.accept(
                "skipped " + describe(record, letter) + ": a truncated copy, not replayable");
          } else {
            replayed++;
            report.accept((dryRun ? "would replay " : "replayed ") + describe(record, letter));
            if (!dryRun) {
              acks.add(Sends.send(producer, copy(record), null, null));
            }
          }
        }
      }
      for (CompletableFuture<Void> ack : acks) {
        Sends.await(ack, config.publishTimeout(), "replay to its source topic", null, null);
      }
      return new Summary(read, replayed, truncated, filtered);
    }
  }

  private static void seek(
      KafkaConsumer<String, byte[]> reader,
      List<TopicPartition> partitions,
      Optional<Instant> since,
      KafkaBusConfig config) {
    if (since.isEmpty()) {
      reader.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, since.get().toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found =
        reader.offsetsForTimes(query, config.connectTimeout());
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp at = found.get(partition);
      if (at == null) {
        reader.seekToEnd(List.of(partition)); // nothing that recent there
      } else {
        reader.seek(partition, at.offset());
      }
    }
  }

  private static boolean done(
      KafkaConsumer<String, byte[]> reader, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (reader.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Letter letter(ConsumerRecord<String, byte[]> record) {
    Headers h = record.headers();
    Map<String, String> fields = new HashMap<>();
    fields.put("key", record.key() == null ? "" : record.key());
    fields.put("topic", orEmpty(KafkaHeaders.text(h, DeadLetters.SOURCE_TOPIC)));
    fields.put("kind", orEmpty(KafkaHeaders.text(h, DeadLetters.ERROR_KIND)));
    fields.put("group", orEmpty(KafkaHeaders.text(h, DeadLetters.GROUP)));
    fields.put("error", orEmpty(KafkaHeaders.text(h, DeadLetters.ERROR)));
    boolean truncated = "true".equals(KafkaHeaders.text(h, DeadLetters.TRUNCATED));
    return new Letter(fields, Instant.ofEpochMilli(record.timestamp()), truncated);
  }

  /** The record as it was first published: its topic, key, value and its own headers. */
  static ProducerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> record) {
    Headers headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!OURS.contains(header.key())) {
        headers.add(header);
      }
    }
    String topic = KafkaHeaders.text(record.headers(), DeadLetters.SOURCE_TOPIC);
    if (topic == null || topic.isBlank()) {
      throw new InvalidInputException(
          DeadLetters.where(record) + " names no source topic: not a modmirror dead letter");
    }
    return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
  }

  private static String describe(ConsumerRecord<String, byte[]> record, Letter letter) {
    return DeadLetters.where(record)
        + " key "
        + record.key()
        + " to "
        + letter.fields().get("topic")
        + " ["
        + letter.fields().get("kind")
        + ", group "
        + letter.fields().get("group")
        + "]";
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static TopicPartition partition(ConsumerRecord<?, ?> record) {
    return new TopicPartition(record.topic(), record.partition());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Properties readerProperties(KafkaBusConfig config) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-dlq-replay");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }

  private static Properties producerProperties(KafkaBusConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-dlq-replay");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }
}
