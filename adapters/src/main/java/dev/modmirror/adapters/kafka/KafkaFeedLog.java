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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * compacted {@link Topics#INDEX_CHECKPOINTS}, so a read_committed reader sees both or neither.
 *
 * <p>Batches are pipelined over {@code depth} transactional producers used in turn, so a batch's
 * records travel while the batches before it commit: one producer would drain its requests at every
 * commit and leave the broker idle while it waits. A single committer thread ends the transactions
 * in the order they were committed, each only once the one before has committed; after a failure it
 * aborts every later one, so what is visible always ends at one committed batch. Each producer
 * writes its positions under a key of its own ({@code feed} for the first, {@code feed#k} for the
 * k-th), so each key's positions only move forward whatever the order in which the producers'
 * records reach the broker, and compaction keeps each key's newest; the stored position is the
 * furthest of them.
 *
 * <p>The transactional ids are fixed per feed ({@code id} for the first producer, {@code id-k} for
 * the k-th): a restarted follower's {@code initTransactions} aborts the transactions its crashed
 * predecessor left open, and a second live follower fences the first (which then gets a {@link
 * PermanentException}). Each request starts its own trace with an {@code ingest.publish} span whose
 * context travels in the record headers. Not thread-safe: one follower uses it.
 */
public final class KafkaFeedLog implements FeedLog {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeedLog.class);
  private static final int SCHEMA = 1;

  /** Transactions in flight at once: enough to keep the broker busy while one commits. */
  public static final int DEFAULT_DEPTH = 4;

  // Positions of one feed only move forward: a later instant, or the same one with more seen.
  private static final Comparator<FeedPosition> FORWARD =
      Comparator.comparing(FeedPosition::since).thenComparingInt(p -> p.seen().size());

  private final KafkaBusConfig config;
  private final EventJson json = EventJson.create();
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final Slot[] slots;
  private final ExecutorService committer;
  // The slot of the open batch, -1 when none is open; the slot the next batch opens on.
  private int open = -1;
  private int next;
  // The open batch's checkpoint record (its last page's position).
  private ProducerRecord<byte[], byte[]> checkpoint;
  private String checkpointFeed;
  // The last batch committed: the next one commits after it.
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  // Set by the committer when a commit failed: every later batch is aborted until position().
  private volatile boolean broken;

  /** One transactional producer and its last committed batch. */
  private static final class Slot {
    final String transactionalId;
    final int index;
    // Touched by the follower's thread and, between commit() and its result, by the committer.
    volatile KafkaProducer<byte[], byte[]> producer;
    CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    Slot(String transactionalId, int index) {
      this.transactionalId = transactionalId;
      this.index = index;
    }
  }

  private KafkaFeedLog(
      KafkaBusConfig config, String transactionalId, int depth, OpenTelemetry telemetry) {
    this.config = config;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.propagator = telemetry.getPropagators().getTextMapPropagator();
    this.slots = new Slot[depth];
    for (int i = 0; i < depth; i++) {
      slots[i] = new Slot(i == 0 ? transactionalId : transactionalId + "-" + i, i);
    }
    this.committer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "index-log-commit");
              t.setDaemon(true);
              return t;
            });
  }

  /** As {@link #create(KafkaBusConfig, String, int, OpenTelemetry)} with {@link #DEFAULT_DEPTH}. */
  public static KafkaFeedLog create(
      KafkaBusConfig config, String transactionalId, OpenTelemetry telemetry) {
    return create(config, transactionalId, DEFAULT_DEPTH, telemetry);
  }

  /**
   * Creates the topics if absent and takes over the transactional ids, aborting whatever a previous
   * holder left open.
   *
   * @param transactionalId stable across restarts, one per followed feed
   * @param depth transactions in flight at most (1: each commit waits for the one before); keep it
   *     across restarts, as a producer left out would leave its predecessor's open transaction to
   *     the transaction timeout
   * @throws TransientException if the broker does not answer in time
   */
  public static KafkaFeedLog create(
      KafkaBusConfig config, String transactionalId, int depth, OpenTelemetry telemetry) {
    if (depth < 1) {
      throw new IllegalArgumentException("index log depth must be at least 1");
    }
    KafkaTopics.createIfAbsent(config);
    KafkaTopics.createIfAbsent(config, List.of(Topics.INDEX_CHECKPOINTS));
    KafkaFeedLog log = new KafkaFeedLog(config, transactionalId, depth, telemetry);
    for (Slot slot : log.slots) {
      log.producer(slot);
    }
    return log;
  }

  @Override
  public Optional<FeedPosition> position(String feed) {
    settleAll();
    TopicPartition partition = new TopicPartition(Topics.INDEX_CHECKPOINTS, 0);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      Map<String, FeedPosition> last = new HashMap<>();
      int unreadable = 0;
      long deadline = System.nanoTime() + config.publishTimeout().toNanos();
      while (consumer.position(partition) < end) {
        if (System.nanoTime() > deadline) {
          throw new TransientException("reading " + Topics.INDEX_CHECKPOINTS + " timed out");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = r.key();
          if (key == null || !(key.equals(feed) || key.startsWith(feed + "#"))) {
            continue;
          }
          if (r.value() == null) {
            // A tombstone deletes the position (compaction will): under the feed's own key every
            // producer's position before it, so the feed starts afresh; under a producer's key,
            // that producer's.
            if (key.equals(feed)) {
              last.clear();
              unreadable = 0;
            } else {
              last.remove(key);
            }
          } else {
            Optional<FeedPosition> read = read(r);
            if (read.isPresent()) {
              last.put(key, read.get());
            } else {
              unreadable++;
            }
          }
        }
      }
      if (last.isEmpty() && unreadable > 0) {
        LOG.error(
            "index {}: no readable checkpoint in {} ({} unreadable): following as on a first"
                + " start",
            feed,
            Topics.INDEX_CHECKPOINTS,
            unreadable);
      }
      return last.values().stream().max(FORWARD);
    } catch (KafkaException e) {
      throw new TransientException("reading " + Topics.INDEX_CHECKPOINTS + ": " + e, null, null, e);
    }
  }

  /**
   * Waits for every committed batch to settle and drops the open one; after a failure, replaces the
   * producers that were dropped: a new one's initTransactions waits until its predecessor's
   * transaction is completed or aborted, so what is read next is settled.
   */
  private void settleAll() {
    tail.handle((ok, failure) -> null).join();
    if (open >= 0) {
      drop(slots[open]);
      open = -1;
      checkpoint = null;
    }
    broken = false;
    for (Slot slot : slots) {
      producer(slot);
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
  public void add(String feed, Prepared prepared, FeedPosition position) {
    if (!(prepared instanceof Page page)) {
      throw new IllegalArgumentException("a page prepared by another log");
    }
    if (checkpoint != null && !checkpointFeed.equals(feed)) {
      throw new IllegalStateException("one batch holds pages of one feed");
    }
    if (open < 0) {
      openBatch();
    }
    Slot slot = slots[open];
    try {
      // Sends do not wait: the batch's records travel while the follower reads its next page.
      for (ProducerRecord<byte[], byte[]> record : page.records()) {
        slot.producer.send(record);
      }
    } catch (KafkaException e) {
      throw failed(slot, e, "page not added");
    }
    // Only the last page's position is written, once, at commit.
    String key = slot.index == 0 ? feed : feed + "#" + slot.index;
    checkpoint =
        new ProducerRecord<>(
            Topics.INDEX_CHECKPOINTS, key.getBytes(StandardCharsets.UTF_8), write(position));
    checkpointFeed = feed;
  }

  /** Opens a transaction on the next producer, once its previous batch has settled. */
  private void openBatch() {
    Slot slot = slots[next];
    slot.last.handle((ok, failure) -> null).join();
    if (broken) {
      throw new TransientException(
          "index log: an earlier batch was not published", null, null, null);
    }
    KafkaProducer<byte[], byte[]> p = producer(slot);
    try {
      p.beginTransaction();
    } catch (KafkaException e) {
      throw failed(slot, e, "batch not opened");
    }
    open = next;
    next = (next + 1) % slots.length;
  }

  @Override
  public CompletableFuture<Void> commit() {
    if (open < 0) {
      return CompletableFuture.completedFuture(null);
    }
    Slot slot = slots[open];
    try {
      slot.producer.send(checkpoint);
    } catch (KafkaException e) {
      throw failed(slot, e, "batch not published");
    }
    open = -1;
    checkpoint = null;
    CompletableFuture<Void> done = new CompletableFuture<>();
    slot.last = done;
    tail = done;
    // One thread, in order: this batch commits only once every batch before it has.
    committer.execute(() -> end(slot, done));
    return done;
  }

  /** On the committer: commits the slot's transaction, or aborts it after an earlier failure. */
  private void end(Slot slot, CompletableFuture<Void> done) {
    KafkaProducer<byte[], byte[]> p = slot.producer;
    if (broken || p == null) {
      try {
        if (p != null) {
          p.abortTransaction();
        }
      } catch (KafkaException e) {
        drop(slot);
      }
      done.completeExceptionally(
          new TransientException(
              "index log: batch not published: an earlier batch failed", null, null, null));
      return;
    }
    try {
      p.commitTransaction();
      done.complete(null);
    } catch (KafkaException e) {
      broken = true;
      done.completeExceptionally(dropped(slot, e, "batch not published"));
    } catch (RuntimeException e) {
      broken = true;
      drop(slot);
      done.completeExceptionally(e);
    }
  }

  /** On the follower's thread: drops the open batch, if any, and the slot's producer. */
  private RuntimeException failed(Slot slot, KafkaException e, String what) {
    open = -1;
    checkpoint = null;
    return dropped(slot, e, what);
  }

  /**
   * Drops the slot's producer and its open transaction (the next producer's initTransactions aborts
   * or completes it) and translates the failure.
   */
  private static RuntimeException dropped(Slot slot, KafkaException e, String what) {
    drop(slot);
    if (e instanceof ProducerFencedException
        || e instanceof InvalidProducerEpochException
        || e instanceof AuthorizationException) {
      return new PermanentException(
          "index log "
              + slot.transactionalId
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

  private KafkaProducer<byte[], byte[]> producer(Slot slot) {
    if (slot.producer == null) {
      KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerProperties(slot));
      try {
        p.initTransactions();
      } catch (KafkaException e) {
        p.close(Duration.ZERO);
        throw new TransientException("index log: cannot start transactions: " + e, null, null, e);
      }
      slot.producer = p;
    }
    return slot.producer;
  }

  private static void drop(Slot slot) {
    KafkaProducer<byte[], byte[]> p = slot.producer;
    if (p != null) {
      slot.producer = null;
      try {
        p.close(Duration.ZERO);
      } catch (RuntimeException e) {
        LOG.debug("closing the failed index producer: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    try {
      tail.handle((ok, failure) -> null).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("index log: closing with a commit still pending");
    }
    committer.shutdownNow();
    for (Slot slot : slots) {
      KafkaProducer<byte[], byte[]> p = slot.producer;
      if (p != null) {
        slot.producer = null;
        p.close(Duration.ofSeconds(5));
      }
    }
  }

  private Properties producerProperties(Slot slot) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(
        ProducerConfig.CLIENT_ID_CONFIG,
        config.clientId() + "-index" + (slot.index == 0 ? "" : "-" + slot.index));
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, slot.transactionalId);
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
