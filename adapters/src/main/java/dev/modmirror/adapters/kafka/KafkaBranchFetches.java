package dev.modmirror.adapters.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.webhook.BranchFetch;
import dev.modmirror.core.webhook.BranchFetches;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BranchFetches} on the topic {@link Topics#BRANCH_FETCHES}: {@link #queue} returns once the
 * broker acknowledged the fetch, and one consumer group shared by the ingest replicas hands each
 * stored fetch to the worker and commits it after the worker returned, so a fetch queued or in
 * progress when a process dies is done by the next reader (again, at worst: its requests are
 * repeats the dedupe stage drops). A fetch that failed transiently is handed over again after a
 * backoff (1 s doubling to 30 s) with its partition held; a record that is not a fetch goes to the
 * dead-letter topic (as the consumer engine sends them, the group named) and is skipped.
 */
public final class KafkaBranchFetches implements BranchFetches {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBranchFetches.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int SCHEMA = 1;

  /** A push names at most this many go.mod files; more is not a fetch we wrote. */
  static final int MAX_FILES = 1000;

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final KafkaBusConfig config;
  private final String group;
  private final KafkaProducer<String, byte[]> producer;
  private final DeadLetters deadLetters;
  private final Object sleeping = new Object();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread reader;
  private volatile boolean closed;

  private KafkaBranchFetches(KafkaBusConfig config, String group, OpenTelemetry telemetry) {
    this.config = config;
    this.group = group;
    this.producer = new KafkaProducer<>(config.durableProducer("branch-fetches"));
    this.deadLetters =
        new DeadLetters(producer, config.publishTimeout(), telemetry.getMeter(Telemetry.SCOPE));
  }

  /**
   * Creates the topic if absent; reading starts with {@link #start}.
   *
   * @param group the consumer group shared by every ingest replica
   * @throws TransientException if the broker does not answer in time
   */
  public static KafkaBranchFetches open(
      KafkaBusConfig config, String group, OpenTelemetry telemetry) {
    KafkaTopics.createIfAbsent(config, List.of(Topics.BRANCH_FETCHES, Topics.DEAD_LETTER));
    return new KafkaBranchFetches(config, group, telemetry);
  }

  @Override
  public boolean queue(BranchFetch fetch) {
    Sends.await(
        producer.send(
            new ProducerRecord<>(Topics.BRANCH_FETCHES, fetch.repository(), write(fetch))),
        config.publishTimeout(),
        "queue branch fetch",
        null,
        null);
    return true;
  }

  @Override
  public synchronized void start(Consumer<BranchFetch> worker) {
    if (reader != null) {
      throw new IllegalStateException("already started");
    }
    consumer = new KafkaConsumer<>(consumerProperties(config, group));
    reader = new Thread(() -> read(worker), "webhook-branch-fetches");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Consumer<BranchFetch> worker) {
    Duration backoff = FIRST_BACKOFF;
    try {
      consumer.subscribe(List.of(Topics.BRANCH_FETCHES));
      while (!closed) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        boolean failed = false;
        for (TopicPartition partition : records.partitions()) {
          for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
            if (!handle(record, worker)) {
              // Held: read this record again after the backoff, and nothing behind it before.
              consumer.seek(partition, record.offset());
              failed = true;
              break;
            }
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
          }
        }
        if (failed) {
          pause(backoff);
          backoff = Collections.min(List.of(backoff.multipliedBy(2), MAX_BACKOFF));
        } else if (!records.isEmpty()) {
          backoff = FIRST_BACKOFF;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("branch fetches: reading {} stopped: {}", Topics.BRANCH_FETCHES, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** False when the fetch should be handed over again later. */
  private boolean handle(ConsumerRecord<String, byte[]> record, Consumer<BranchFetch> worker) {
    BranchFetch fetch;
    try {
      fetch = read(record.value());
    } catch (InvalidInputException e) {
      LOG.warn(
          "branch fetches: record {}-{}@{} dead-lettered: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      try {
        deadLetters.send(record, group, e);
      } catch (TransientException unsent) {
        return false;
      }
      return true;
    }
    try {
      worker.accept(fetch);
      return true;
    } catch (TransientException e) {
      LOG.warn(
          "branch fetch {} of {} will be retried: {}",
          fetch.commit(),
          fetch.repository(),
          e.getMessage());
      return false;
    } catch (RuntimeException e) {
      LOG.error("branch fetch {} of {} failed, not retried", fetch.commit(), fetch.repository(), e);
      return true;
    }
  }

  private void pause(Duration backoff) {
    synchronized (sleeping) {
      try {
        if (!closed) {
          sleeping.wait(backoff.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  static byte[] write(BranchFetch fetch) {
    ObjectNode node = JSON.createObjectNode();
    node.put("schema", SCHEMA);
    node.put("provider", fetch.provider());
    node.put("repository", fetch.repository());
    node.put("commit", fetch.commit());
    ArrayNode files = node.putArray("files");
    fetch.files().forEach(files::add);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  /**
   * Reads a fetch back; the values are checked again where URLs are built from them.
   *
   * @throws InvalidInputException naming what is wrong
   */
  static BranchFetch read(byte[] value) {
    if (value == null || value.length == 0) {
      throw new InvalidInputException("empty record");
    }
    if (value.length > 256 * 1024) {
      throw new InvalidInputException("record of " + value.length + " bytes: not a fetch");
    }
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException("not JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("not a JSON object");
    }
    if (!node.path("schema").isInt() || node.get("schema").intValue() != SCHEMA) {
      throw new InvalidInputException("schema " + node.path("schema") + " unknown");
    }
    JsonNode files = node.path("files");
    if (!files.isArray() || files.isEmpty() || files.size() > MAX_FILES) {
      throw new InvalidInputException("files must be an array of 1 to " + MAX_FILES + " paths");
    }
    List<String> paths = new ArrayList<>();
    for (JsonNode f : files) {
      if (!f.isTextual()) {
        throw new InvalidInputException("files must be strings");
      }
      paths.add(f.textValue());
    }
    return new BranchFetch(
        text(node, "provider"), text(node, "repository"), text(node, "commit"), paths);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new InvalidInputException(field + " must be a non-empty string");
    }
    return v.textValue();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (sleeping) {
      sleeping.notifyAll();
    }
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = reader;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(5));
  }

  private static Properties consumerProperties(KafkaBusConfig config, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-branch-fetches-reader");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A fetch reads a few files over HTTP with a per-file timeout; one at a time per poll.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
