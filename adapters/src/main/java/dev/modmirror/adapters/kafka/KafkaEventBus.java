package dev.modmirror.adapters.kafka;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.EventHandler;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@link EventBus} on Kafka. Records are the events' JSON ({@link EventJson}), keyed by {@code
 * ref().key()} so one version's events keep their order; the W3C trace context travels in the
 * record headers. The producer waits for all in-sync replicas and is idempotent. Each subscription
 * is a consumer of its own (read_committed, manual commit after handling) on its own thread; see
 * {@link KafkaSubscription}. Thread-safe.
 */
public final class KafkaEventBus implements EventBus {
  private final KafkaBusConfig config;
  private final Producer<String, byte[]> producer;
  private final Shared shared;
  private final Set<KafkaSubscription<?>> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger consumerCount = new AtomicInteger();

  /** What the subscriptions share with the bus. */
  record Shared(
      EventJson json, DeadLetters deadLetters, OpenTelemetry openTelemetry, Tracer tracer) {}

  private KafkaEventBus(KafkaBusConfig config, OpenTelemetry openTelemetry) {
    this.config = config;
    this.producer = new KafkaProducer<>(producerProperties(config));
    this.shared =
        new Shared(
            EventJson.create(),
            new DeadLetters(
                producer, config.publishTimeout(), openTelemetry.getMeter(Telemetry.SCOPE)),
            openTelemetry,
            openTelemetry.getTracer(Telemetry.SCOPE));
  }

  /**
   * Creates the topics if absent and connects.
   *
   * @param openTelemetry its propagators carry the trace context; its tracer and meter record the
   *     bus's own spans and the dead-letter counter
   * @throws TransientException if the broker does not answer in time
   */
  public static KafkaEventBus create(KafkaBusConfig config, OpenTelemetry openTelemetry) {
    KafkaTopics.createIfAbsent(config);
    return new KafkaEventBus(config, openTelemetry);
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
    String module = event.ref().path().value();
    String version = event.ref().version().value();
    Span span = MessagingSpans.send(shared.tracer(), topic.name(), event.ref());
    try {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              topic.name(), event.ref().key(), shared.json().write(topic.type().cast(event)));
      shared
          .openTelemetry()
          .getPropagators()
          .getTextMapPropagator()
          .inject(Context.current().with(span), record.headers(), KafkaHeaders.SETTER);
      Sends.await(
          send(record, module, version),
          config.publishTimeout(),
          "publish to " + topic.name(),
          module,
          version);
    } catch (RuntimeException e) {
      Spans.fail(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  private Future<?> send(ProducerRecord<String, byte[]> record, String module, String version) {
    try {
      return producer.send(record);
    } catch (KafkaException e) {
      throw new TransientException(
          "publish to " + record.topic() + " failed: " + e, module, version, e);
    }
  }

  @Override
  public <E extends Event> Subscription subscribe(
      Topic<E> topic, String group, EventHandler<E> handler) {
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(group));
    KafkaSubscription<E> subscription =
        new KafkaSubscription<>(topic, group, handler, consumer, shared, subscriptions);
    subscription.start();
    return subscription;
  }

  @Override
  public void close() {
    subscriptions.forEach(KafkaSubscription::close);
    producer.close(Duration.ofSeconds(5));
  }

  private static Properties producerProperties(KafkaBusConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // send() itself must not block longer than publish may wait in total.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.publishTimeout().toMillis());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  private Properties consumerProperties(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        config.clientId() + "-" + group + "-" + consumerCount.incrementAndGet());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A new group starts at the oldest record: nothing published before it subscribed is lost.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    // Handling one record can take minutes (a 500 MiB zip, retries with backoff). One record per
    // poll keeps the time between polls to one handling (fetched records stay buffered, so this
    // costs no round trips), and the interval allows for the slowest handling we permit.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(15).toMillis());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
