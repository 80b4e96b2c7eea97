package dev.modmirror.adapters.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.index.FeedLog;
import dev.modmirror.core.index.FeedPosition;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FeedLog} on Kafka: one transaction per batch writes its pages' {@link
 * VersionRequested} records to {@link Topics#REQUESTS} and the last page's position to the
 * compacted {@link Topics#INDEX_CHECKPOINTS}, so a read_committed reader sees both or neither. The
 * records are sent as pages are added (the producer batches and ships them while the follower reads
 * on); the commit waits for them all and for the transaction's end. The transactional id is fixed
 * per feed: a restarted follower's {@code initTransactions} aborts the transaction its crashed
 * predecessor left open, and a second live follower fences the first (which then gets a {@link
 * PermanentException}). Each request starts its own trace with an {@code ingest.publish} span whose
 * context travels in the record headers. Not thread-safe: one follower uses it.
 */
public final class KafkaFeedLog implements FeedLog {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeedLog.class);
  private static final int SCHEMA = 1;

  private final KafkaBusConfig config;
  private final String transactionalId;
  private final EventJson json = EventJson.create();
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private KafkaProducer<byte[], byte[]> producer;
  // The open batch's checkpoint record (its last page's position); null when no batch is open.
  private ProducerRecord<byte[], byte[]> checkpoint;
  private String checkpointFeed;

  private KafkaFeedLog(KafkaBusConfig config, String transactionalId, OpenTelemetry telemetry) {
    this.config = config;
    this.transactionalId = transactionalId;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.propagator = telemetry.getPropagators().getTextMapPropagator();
  }

  /**
   * Creates the topics if absent and takes over the transactional id, aborting whatever a previous
   * holder left open.
   *
   * @param transactionalId stable across restarts, one per followed feed
   * @throws TransientException if the broker does not answer in time
   */
  public static KafkaFeedLog create(
      KafkaBusConfig config, String transactionalId, OpenTelemetry telemetry) {
    KafkaTopics.createIfAbsent(config);
    KafkaTopics.createCompactedIfAbsent(
        config,
        Topics.INDEX_CHECKPOINTS,
        TopicPlan.named(config, Topics.INDEX_CHECKPOINTS).configs());
    KafkaFeedLog log = new KafkaFeedLog(config, transactionalId, telemetry);
    log.producer();
    return log;
  }

  @Override
  public Optional<FeedPosition> position(String feed) {
    // After a failed commit the producer was dropped; a new one's initTransactions waits until the
    // old transaction is completed or aborted, so what is read next is settled.
    producer();
    TopicPartition partition = new TopicPartition(Topics.INDEX_CHECKPOINTS, 0);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      FeedPosition last = null;
      int unreadable = 0;
      long deadline = System.nanoTime() + config.publishTimeout().toNanos();
      while (consumer.position(partition) < end) {
        if (System.nanoTime() > deadline) {
          throw new TransientException("reading " + Topics.INDEX_CHECKPOINTS + " timed out");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (feed.equals(r.key()) && r.value() == null) {
            // A tombstone deletes the position (compaction will): the feed starts afresh.
            last = null;
            unreadable = 0;
          } else if (feed.equals(r.key())) {
            Optional<FeedPosition> read = read(r);
            if (read.isPresent()) {
              last = read.get();
            } else {
              unreadable++;
            }
          }
        }
      }
      if (last == null && unreadable > 0) {
        LOG.error(
            "index {}: no readable checkpoint in {} ({} unreadable): following as on a first"
                + " start",
            feed,
            Topics.INDEX_CHECKPOINTS,
            unreadable);
      }
      return Optional.ofNullable(last);
    } catch (KafkaException e) {
      throw new TransientException("reading " + Topics.INDEX_CHECKPOINTS + ": " + e, null, null, e);
    }
  }

  /** The records of a page, built (JSON, trace context) before its transaction. */
  private record Page(List<VersionRequested> requests, List<ProducerRecord<byte[], byte[]>> records)
      implements Prepared {}

  @Override
  public Prepared prepare(List<VersionRequested> requests) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(requests.size());
    for (VersionRequested request : requests) {
      records.add(record(request));
    }
    return new Page(List.copyOf(requests), records);
  }

  @Override
  public void add(String feed, Prepared prepared, FeedPosition next) {
    if (!(prepared instanceof Page page)) {
      throw new IllegalArgumentException("a page prepared by another log");
    }
    if (checkpoint != null && !checkpointFeed.equals(feed)) {
      throw new IllegalStateException("one batch holds pages of one feed");
    }
    KafkaProducer<byte[], byte[]> p = producer();
    try {
      if (checkpoint == null) {
        p.beginTransaction();
      }
      // Sends do not wait: the batch's records travel while the follower reads its next page.
      for (ProducerRecord<byte[], byte[]> record : page.records()) {
        p.send(record);
      }
    } catch (KafkaException e) {
      throw failed(e, "page not added");
    }
    // Only the last page's position is written, once, at commit.
    checkpoint =
        new ProducerRecord<>(
            Topics.INDEX_CHECKPOINTS, feed.getBytes(StandardCharsets.UTF_8), write(next));
    checkpointFeed = feed;
  }

  @Override
  public void commit() {
    if (checkpoint == null) {
      return;
    }
    try {
      producer.send(checkpoint);
      producer.commitTransaction();
      checkpoint = null;
    } catch (KafkaException e) {
      throw failed(e, "batch not published");
    }
  }

  /**
   * Drops the producer and its open transaction (the next producer's initTransactions aborts or
   * completes it) and translates the failure.
   */
  private RuntimeException failed(KafkaException e, String what) {
    checkpoint = null;
    drop();
    if (e instanceof ProducerFencedException
        || e instanceof InvalidProducerEpochException
        || e instanceof AuthorizationException) {
      return new PermanentException(
          "index log "
              + transactionalId
              + ": "
              + e.getClass().getSimpleName()
              + " (another follower of this feed took over, or no authorization)",
          null,
          null,
          e);
    }
    return new TransientException("index log: " + what + ": " + e, null, null, e);
  }

  private ProducerRecord<byte[], byte[]> record(VersionRequested request) {
    // A new root per version: its trace then follows it through dedupe, warmer and regions.
    Span span =
        Spans.forRef(tracer, Telemetry.SPAN_INGEST_PUBLISH, request.ref())
            .setParent(Context.root())
            .setAttribute(Telemetry.SOURCE, RequestSource.INDEX.name())
            .startSpan();
    // Key and value are bytes here, on the thread that prepares pages, not on the one that sends.
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            Topics.REQUESTS.name(),
            request.ref().key().getBytes(StandardCharsets.UTF_8),
            json.write(request));
    propagator.inject(Context.root().with(span), record.headers(), KafkaHeaders.SETTER);
    span.end();
    return record;
  }

  private byte[] write(FeedPosition position) {
    ObjectNode node = json.mapper().createObjectNode();
    node.put("schema", SCHEMA);
    node.put("since", FeedTime.format(position.since()));
    ArrayNode seen = node.putArray("seen");
    position.seen().stream().sorted().forEach(seen::add);
    try {
      return json.mapper().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The position a checkpoint record holds, or empty (logged) if it is not one this log wrote: a
   * record no follower could have written (a tool, a bug, a poisoned topic) is skipped, so the last
   * readable checkpoint before it stands. Failing on it instead would stall the feed for good,
   * since a follower only writes a new checkpoint after reading its position.
   */
  private Optional<FeedPosition> read(ConsumerRecord<String, byte[]> r) {
    String problem;
    try {
      JsonNode node = json.mapper().readTree(r.value());
      if (node.path("schema").asInt() == SCHEMA && node.path("since").isTextual()) {
        Set<String> seen = new HashSet<>();
        node.path("seen").forEach(n -> seen.add(n.asText()));
        return Optional.of(new FeedPosition(FeedTime.parse(node.get("since").asText()), seen));
      }
      problem = "not a schema " + SCHEMA + " checkpoint";
    } catch (IOException | InvalidInputException | IllegalArgumentException e) {
      problem = e.getMessage();
    }
    LOG.warn(
        "index {}: checkpoint at offset {} of {} unreadable, skipped: {}",
        r.key(),
        r.offset(),
        Topics.INDEX_CHECKPOINTS,
        problem);
    return Optional.empty();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProperties());
      try {
        p.initTransactions();
      } catch (KafkaException e) {
        p.close(Duration.ZERO);
        throw new TransientException("index log: cannot start transactions: " + e, null, null, e);
      }
      producer = p;
    }
    return producer;
  }

  private void drop() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (RuntimeException e) {
        LOG.debug("closing the failed index producer: {}", e.toString());
      }
      producer = null;
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-index");
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.publishTimeout().toMillis());
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    // A page is 2000 records sent at once: let them travel in few, full batches.
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-index-position");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
