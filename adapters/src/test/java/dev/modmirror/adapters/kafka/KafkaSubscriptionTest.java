package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer loop without a broker: MockConsumer in, MockProducer for the dead letters. */
class KafkaSubscriptionTest {
  private static final TopicPartition PARTITION = new TopicPartition(Topics.REQUESTS.name(), 0);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final EventJson json = EventJson.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk telemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                  .build())
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final FlakyProducer producer = new FlakyProducer();
  private final Set<KafkaSubscription<?>> registry = ConcurrentHashMap.newKeySet();
  private final Queue<String> handledTraceIds = new ConcurrentLinkedQueue<>();
  private final Queue<ModuleRef> handled = new ConcurrentLinkedQueue<>();
  private KafkaSubscription<VersionRequested> subscription;

  @AfterEach
  void close() {
    if (subscription != null) {
      subscription.close();
    }
    telemetry.close();
  }

  @Test
  void deadLettersACorruptedRecordCommitsItAndHandlesTheNextInItsTrace() {
    ConsumerRecord<String, byte[]> corrupt = record(0, "example.com/a@v1.0.0", bytes("{\"sche"));
    ConsumerRecord<String, byte[]> good = record(1, "example.com/a@v1.0.1", request("v1.0.1"));
    good.headers().add("traceparent", bytes(TRACEPARENT));
    start(List.of(corrupt, good), event -> {});

    await(() -> committed() == 2, "both records committed");
    assertThat(handled).containsExactly(ModuleRef.of("example.com/a", "v1.0.1"));
    assertThat(handledTraceIds).containsExactly(TRACE_ID);
    ProducerRecord<String, byte[]> copy = producer.history().get(0);
    assertThat(producer.history()).hasSize(1);
    assertThat(copy.topic()).isEqualTo(Topics.DEAD_LETTER);
    assertThat(copy.key()).isEqualTo("example.com/a@v1.0.0");
    assertThat(copy.value()).isEqualTo(bytes("{\"sche"));
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.ERROR_KIND))
        .isEqualTo("invalid-input");
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(deadLetterCount("invalid-input")).isEqualTo(1);
  }

  @Test
  void deadLettersWhatAHandlerThrowsWithItsKindAndTraceContext() {
    ConsumerRecord<String, byte[]> poison = record(0, "example.com/a@v1.0.0", request("v1.0.0"));
    poison.headers().add("traceparent", bytes(TRACEPARENT));
    start(
        List.of(poison, record(1, "example.com/a@v1.0.1", request("v1.0.1"))),
        event -> {
          if (event.ref().version().value().equals("v1.0.0")) {
            throw new TransientException("upstream timed out (test)", "example.com/a", "v1.0.0");
          }
        });

    await(() -> committed() == 2, "both records committed");
    ProducerRecord<String, byte[]> copy = producer.history().get(0);
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.ERROR_KIND)).isEqualTo("transient");
    assertThat(KafkaHeaders.text(copy.headers(), DeadLetters.ERROR)).contains("upstream timed out");
    assertThat(KafkaHeaders.text(copy.headers(), "traceparent")).isEqualTo(TRACEPARENT);
    assertThat(deadLetterCount("transient")).isEqualTo(1);
  }

  @Test
  void readsARecordAgainWhenEvenTheDeadLetterCannotBeSent() {
    producer.failuresLeft.set(1);
    ConsumerRecord<String, byte[]> corrupt = record(0, "example.com/a@v1.0.0", bytes("nope"));
    start(List.of(corrupt), event -> {});
    // MockConsumer forgets polled records: offer it again; only a seek back makes it readable.
    consumer.schedulePollTask(() -> consumer.addRecord(corrupt));

    await(() -> committed() == 1, "the record committed after the second attempt");
    assertThat(producer.attempts.get()).isEqualTo(2);
    assertThat(producer.history()).hasSize(1);
  }

  private void start(
      List<ConsumerRecord<String, byte[]>> records,
      dev.modmirror.core.event.EventHandler<VersionRequested> behaviour) {
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          records.forEach(consumer::addRecord);
        });
    KafkaEventBus.Shared shared =
        new KafkaEventBus.Shared(
            json,
            new DeadLetters(producer, Duration.ofSeconds(5), telemetry.getMeter(Telemetry.SCOPE)),
            telemetry,
            telemetry.getTracer(Telemetry.SCOPE));
    subscription =
        new KafkaSubscription<>(
            Topics.REQUESTS,
            "g",
            event -> {
              handledTraceIds.add(Span.current().getSpanContext().getTraceId());
              behaviour.handle(event);
              handled.add(event.ref());
            },
            consumer,
            shared,
            registry);
    subscription.start();
  }

  private long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
    return offset == null ? -1 : offset.offset();
  }

  private long deadLetterCount(String kind) {
    return metrics.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("modmirror.dead_letter.records"))
        .map(MetricData::getLongSumData)
        .flatMap(sum -> sum.getPoints().stream())
        .filter(p -> kind.equals(p.getAttributes().get(Telemetry.ERROR_KIND)))
        .mapToLong(LongPointData::getValue)
        .sum();
  }

  private byte[] request(String version) {
    return json.write(
        VersionRequested.of(
            ModuleRef.of("example.com/a", version),
            RequestSource.MANUAL,
            "test",
            Instant.parse("2026-11-25T00:00:00Z")));
  }

  private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
    return new ConsumerRecord<>(
        PARTITION.topic(),
        PARTITION.partition(),
        offset,
        0L,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
        0,
        value.length,
        key,
        value,
        new RecordHeaders(),
        java.util.Optional.empty());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A MockProducer whose first sends fail as if the broker did not answer. */
  private static final class FlakyProducer extends MockProducer<String, byte[]> {
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();

    FlakyProducer() {
      super(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
      attempts.incrementAndGet();
      if (failuresLeft.getAndDecrement() > 0) {
        return CompletableFuture.failedFuture(new TimeoutException("broker away (test)"));
      }
      return super.send(record);
    }
  }
}
