package dev.modmirror.adapters.kafka;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventBus} on Kafka. Records are the events' JSON ({@link EventJson}), keyed by {@code
 * ref().key()} so one version's events keep their order; the W3C trace context travels in the
 * record headers. The producer is idempotent and waits for all in-sync replicas. Each consumption
 * is a consumer (read_committed, manual commits) with a poll thread and its workers; see {@link
 * ConsumerLoop}. Thread-safe.
 */
public final class KafkaEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(KafkaEventBus.class);

  private final KafkaBusConfig config;
  private final Producer<String, byte[]> producer;
  private final Shared shared;
  private final Consumer<FatalFailure> fatalListener;
  private final Map<String, Object> consumerOverrides;
  private final Set<ConsumerLoop<?>> loops = ConcurrentHashMap.newKeySet();
  private final AtomicInteger consumerCount = new AtomicInteger();
  private volatile boolean closed;

  /** What the consumer loops share with the bus. */
  record Shared(
      KafkaBusConfig config,
      Producer<String, byte[]> producer,
      EventJson json,
      DeadLetters deadLetters,
      OpenTelemetry openTelemetry,
      Tracer tracer,
      Clock clock) {}

  private KafkaEventBus(
      KafkaBusConfig config,
      OpenTelemetry openTelemetry,
      Consumer<FatalFailure> fatalListener,
      Map<String, Object> consumerOverrides) {
    this.config = config;
    this.producer = new KafkaProducer<>(producerProperties(config));
    this.fatalListener = fatalListener;
    this.consumerOverrides = Map.copyOf(consumerOverrides);
    this.shared =
        new Shared(
            config,
            producer,
            EventJson.create(),
            new DeadLetters(
                producer, config.publishTimeout(), openTelemetry.getMeter(Telemetry.SCOPE)),
            openTelemetry,
            openTelemetry.getTracer(Telemetry.SCOPE),
            Clock.systemUTC());
  }

  /**
   * Connects and creates the topics if absent. A subscription that stops for good (a failure no
   * retry cures, a JVM error on one of its threads) is logged; use {@link #create(KafkaBusConfig,
   * OpenTelemetry, Consumer)} to stop the process on it.
   *
   * @param openTelemetry its propagators carry the trace context; its tracer and meter record the
   *     bus's own spans and meters
   * @throws TransientException if the broker cannot be reached within {@link
   *     KafkaBusConfig#connectTimeout()}; the message names the bootstrap servers
   */
  public static KafkaEventBus create(KafkaBusConfig config, OpenTelemetry openTelemetry) {
    return create(config, openTelemetry, failure -> {});
  }

  /**
   * As {@link #create(KafkaBusConfig, OpenTelemetry)}; {@code fatalListener} hears, once per
   * subscription, why it stopped for good, so the process can report unhealthy and exit.
   */
  public static KafkaEventBus create(
      KafkaBusConfig config, OpenTelemetry openTelemetry, Consumer<FatalFailure> fatalListener) {
    return create(config, openTelemetry, fatalListener, Map.of());
  }

  /** For tests: consumer properties that replace the bus's own (e.g. a short poll interval). */
  static KafkaEventBus create(
      KafkaBusConfig config,
      OpenTelemetry openTelemetry,
      Consumer<FatalFailure> fatalListener,
      Map<String, Object> consumerOverrides) {
    KafkaTopics.createIfAbsent(config, KafkaTopics.standard());
    return new KafkaEventBus(config, openTelemetry, fatalListener, consumerOverrides);
  }

  /**
   * Creates modmirror's topics if absent, for clients that read them without a bus (the streams).
   *
   * @throws TransientException if the broker does not answer in time
   */
  public static void createTopics(KafkaBusConfig config) {
    KafkaTopics.createIfAbsent(config);
  }

  @Override
  public <E extends Event> void publish(Topic<E> topic, E event) {
    Sends.await(
        publishAsync(topic, event).toCompletableFuture(),
        config.publishTimeout(),
        "publish to " + topic.name(),
        event.ref().path().value(),
        event.ref().version().value());
  }

  @Override
  public <E extends Event> CompletionStage<Void> publishAsync(Topic<E> topic, E event) {
    String module = event.ref().path().value();
    String version = event.ref().version().value();
    Span span = MessagingSpans.send(shared.tracer(), topic.name(), event.ref());
    ProducerRecord<String, byte[]> record;
    try {
      record =
          new ProducerRecord<>(
              topic.name(), event.ref().key(), shared.json().write(topic.type().cast(event)));
    } catch (RuntimeException e) {
      Spans.fail(span, e);
      span.end();
      throw e;
    }
    shared
        .openTelemetry()
        .getPropagators()
        .getTextMapPropagator()
        .inject(Context.current().with(span), record.headers(), KafkaHeaders.SETTER);
    CompletableFuture<Void> acked = Sends.send(producer, record, module, version);
    return acked.whenComplete(
        (ok, error) -> {
          if (error != null) {
            Spans.fail(span, error instanceof CompletionException c ? c.getCause() : error);
          }
          span.end();
        });
  }

  @Override
  public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
    if (closed) {
      throw new IllegalStateException("event bus is closed");
    }
    List<String> topics = new ArrayList<>();
    consumption.topics().forEach(t -> topics.add(t.name()));
    List<String> retryTopics = new ArrayList<>();
    for (int tier = 1; tier <= consumption.retries().tiers(); tier++) {
      retryTopics.add(Topics.retry(consumption.retryScope(), tier));
    }
    KafkaTopics.createIfAbsent(config, retryTopics);
    topics.addAll(retryTopics);
    String name = "kafka-" + consumption.group() + "-" + consumerCount.incrementAndGet();
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(consumerProperties(consumption, name));
    ConsumerMetrics metrics =
        new ConsumerMetrics(
            shared.openTelemetry().getMeter(Telemetry.SCOPE), consumption.group(), name);
    ConsumerLoop<E> loop =
        new ConsumerLoop<>(
            consumption,
            consumer,
            topics,
            new RecordProcessor<>(consumption, worker, shared, metrics),
            metrics,
            fatalListener,
            shared.clock(),
            name);
    loops.add(loop);
    loop.start();
    return new Subscription() {
      @Override
      public void close() {
        loop.close();
        loops.remove(loop);
      }
    };
  }

  /** Stops every subscription (each within its shutdown grace, all at once), then the producer. */
  @Override
  public void close() {
    closed = true;
    List<ConsumerLoop<?>> open = new ArrayList<>(loops);
    open.forEach(ConsumerLoop::beginClose);
    open.forEach(ConsumerLoop::awaitClosed);
    loops.clear();
    try {
      producer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("closing the producer: {}", e.toString());
    }
  }

  /**
   * Records fetched per poll: about what the workers can take; also a partition's waiting bound.
   */
  static int maxPollRecords(Consumption<?> consumption) {
    return Math.max(10, Math.min(500, consumption.inFlight()));
  }

  private static Properties producerProperties(KafkaBusConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // send() itself must not block longer than publish may wait in total.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.publishTimeout().toMillis());
    // The producer gives up about when publish stops waiting (Kafka requires delivery >= linger +
    // request timeout); a record it still delivers later is a harmless duplicate.
    int timeout = (int) config.publishTimeout().toMillis();
    int request = Math.max(1_000, Math.min(30_000, timeout / 2));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeout, request + 2));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  private Properties consumerProperties(Consumption<?> consumption, String clientId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, consumption.group());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-" + clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A new group starts at the oldest record: nothing published before it subscribed is lost.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // A topic that vanished must be noticed, not silently created again empty.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    // Records are small; fetch about what the workers can take, the rest stays on the broker.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords(consumption));
    // The poll thread never waits for a worker, so this only bounds a revocation, which waits for
    // the revoked partitions' work: at most one deadline.
    long interval =
        Math.max(Duration.ofMinutes(1).toMillis(), 3 * consumption.deadline().toMillis());
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, interval));
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.putAll(consumerOverrides);
    return p;
  }
}
