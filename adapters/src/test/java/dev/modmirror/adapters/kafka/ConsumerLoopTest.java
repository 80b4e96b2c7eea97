package dev.modmirror.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.Handled;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.RetryPolicy;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.event.Worker;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer engine without a broker: MockConsumer in, MockProducer for retries and dead letters.
 * Waits are hang guards only; every assertion is on what happened, never on how fast.
 */
class ConsumerLoopTest {
  private static final String GROUP = "g";
  private static final TopicPartition PARTITION = new TopicPartition(Topics.REQUESTS.name(), 0);
  private static final TopicPartition RETRY_1 = new TopicPartition(Topics.retry(GROUP, 1), 0);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
  private static final Duration WAIT = Duration.ofSeconds(20);

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
  private final RecordingConsumer consumer = new RecordingConsumer();
  private final FlakyProducer producer = new FlakyProducer();
  private final Queue<FatalFailure> fatal = new ConcurrentLinkedQueue<>();
  private final Queue<String> handledTraceIds = new ConcurrentLinkedQueue<>();
  private final Queue<String> handled = new ConcurrentLinkedQueue<>();
  private ConsumerLoop<VersionRequested> loop;

  @AfterEach
  void close() {
    if (loop != null) {
      loop.close();
    }
    telemetry.close();
  }

  @Test
  void deadLettersACorruptedRecordCommitsItAndHandlesTheNextInItsTrace() {
    ConsumerRecord<String, byte[]> corrupt = record(0, "example.com/a@v1.0.0", bytes("{\"sche"));
    ConsumerRecord<String, byte[]> good = record(1, "example.com/a@v1.0.1", request("v1.0.1"));
    good.headers().add("traceparent", bytes(TRACEPARENT));
    start(consumption(1), List.of(corrupt, good), (e, d) -> Handled.done());

    await(() -> committed(PARTITION) == 2, "both records committed");
    assertThat(handled).containsExactly("example.com/a@v1.0.1");
    assertThat(handledTraceIds).containsExactly(TRACE_ID);
    ProducerRecord<String, byte[]> copy = producer.history().get(0);
    assertThat(producer.history()).hasSize(1);
    assertThat(copy.topic()).isEqualTo(Topics.DEAD_LETTER);
    assertThat(copy.key()).isEqualTo("example.com/a@v1.0.0");
    assertThat(copy.value()).isEqualTo(bytes("{\"sche"));
    assertThat(header(copy, DeadLetters.ERROR_KIND)).isEqualTo("invalid-input");
    assertThat(header(copy, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(header(copy, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(deadLetterCount("invalid-input")).isEqualTo(1);
  }

  @Test
  void deadLettersWhatAWorkerThrowsWithItsKindAndTraceContext() {
    ConsumerRecord<String, byte[]> poison = record(0, "example.com/a@v1.0.0", request("v1.0.0"));
    poison.headers().add("traceparent", bytes(TRACEPARENT));
    start(
        consumption(1),
        List.of(poison, record(1, "example.com/a@v1.0.1", request("v1.0.1"))),
        (event, delivery) -> {
          if (event.ref().version().value().equals("v1.0.0")) {
            throw new IllegalStateException("a bug (test)");
          }
          return Handled.done();
        });

    await(() -> committed(PARTITION) == 2, "both records committed");
    ProducerRecord<String, byte[]> copy = producer.history().get(0);
    assertThat(header(copy, DeadLetters.ERROR_KIND)).isEqualTo("unexpected");
    assertThat(header(copy, DeadLetters.ERROR)).contains("a bug (test)");
    assertThat(header(copy, "traceparent")).isEqualTo(TRACEPARENT);
    assertThat(deadLetterCount("unexpected")).isEqualTo(1);
  }

  /** Issue 16 item 4: a failed outcome publish used to dead-letter and commit the request. */
  @Test
  void aTransientFailureIsWorkedOnAgainAndNeverDeadLettered() {
    AtomicInteger calls = new AtomicInteger();
    start(
        consumption(1),
        List.of(record(0, "example.com/a@v1.0.0", request("v1.0.0"))),
        (event, delivery) -> {
          if (calls.incrementAndGet() == 1) {
            throw new TransientException("publish to modmirror.warmed.v1: not acknowledged (test)");
          }
          return Handled.done();
        });

    await(() -> committed(PARTITION) == 1, "the record committed after it was worked on again");
    assertThat(calls.get()).isEqualTo(2);
    assertThat(producer.history()).isEmpty();
    assertThat(deadLetterCount("transient")).isZero();
  }

  /** Issue 9: the replicator's worker no longer waits for each outcome's acknowledgement. */
  @Test
  void aWorkerDoneWhenItsOutcomeIsStoredIsFreeAtOnceAndCommittedOnlyOnceStored() {
    CompletableFuture<Void> stored = new CompletableFuture<>();
    start(
        consumption(1),
        List.of(
            record(0, "example.com/a@v1.0.0", request("v1.0.0")),
            record(1, "example.com/a@v1.0.1", request("v1.0.1"))),
        (event, delivery) ->
            event.ref().version().value().equals("v1.0.0")
                ? Handled.doneWhen(stored)
                : Handled.done());

    // One worker: the second record was worked on while the first's outcome was not stored.
    await(() -> handled.size() == 2, "the second record, on the one worker");
    sleep(300); // a commit (every 200 ms) would have gone out by now
    assertThat(committed(PARTITION)).isLessThan(1);
    stored.complete(null);
    await(() -> committed(PARTITION) == 2, "both committed once the first outcome is stored");
  }

  @Test
  void anOutcomeThatIsNotStoredIsWorkedOnAgainAndNeverDeadLettered() {
    AtomicInteger calls = new AtomicInteger();
    start(
        consumption(1),
        List.of(record(0, "example.com/a@v1.0.0", request("v1.0.0"))),
        (event, delivery) ->
            Handled.doneWhen(
                calls.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(
                        new TransientException("publish: not acknowledged (test)"))
                    : CompletableFuture.completedFuture(null)));

    await(() -> committed(PARTITION) == 1, "the record committed after it was worked on again");
    assertThat(calls.get()).isEqualTo(2);
    assertThat(producer.history()).isEmpty();
    assertThat(deadLetterCount("transient")).isZero();
  }

  @Test
  void anOutcomeRefusedForAuthorizationStopsTheSubscriptionUncommitted() {
    start(
        consumption(1),
        List.of(record(0, "example.com/a@v1.0.0", request("v1.0.0"))),
        (event, delivery) ->
            Handled.doneWhen(
                CompletableFuture.failedFuture(
                    new TopicAuthorizationException(Set.of(Topics.REPLICATED.name())))));

    await(() -> !fatal.isEmpty(), "the subscription stopped");
    assertThat(fatal.peek().reason()).contains("not authorized");
    assertThat(committed(PARTITION)).isLessThan(1);
  }

  @Test
  void worksOnRecordsOfOnePartitionAtOnceAndCommitsOnlyPastWhatIsDone() {
    CountDownLatch first = new CountDownLatch(1);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      records.add(record(i, "example.com/a@v1.0." + i, request("v1.0." + i)));
    }
    start(
        consumption(4),
        records,
        (event, delivery) -> {
          if (event.ref().version().value().equals("v1.0.0")) {
            await(first);
          }
          return Handled.done();
        });

    await(() -> handled.size() == 3, "the three records after the slow one");
    // Done while the first record of their partition still is not: they did not wait for it.
    assertThat(handled).doesNotContain("example.com/a@v1.0.0");
    // The partition's position stays before the slow record: a crash now redoes it.
    assertThat(committed(PARTITION)).isLessThan(1);
    first.countDown();
    await(() -> committed(PARTITION) == 4, "everything committed once the slow record is done");
  }

  @Test
  void neverWorksOnTwoRecordsOfOneKeyAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(record(i, "example.com/a@v1.0.0", request("v1.0.0")));
    }
    start(
        consumption(8),
        records,
        (event, delivery) -> {
          mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            sleep(20);
            return Handled.done();
          } finally {
            running.decrementAndGet();
          }
        });

    await(() -> committed(PARTITION) == 5, "all five committed");
    assertThat(handled).hasSize(5);
    assertThat(mostAtOnce.get()).isEqualTo(1);
  }

  @Test
  void pausesAPartitionWhileItsRecordsWaitForAWorker() {
    CountDownLatch release = new CountDownLatch(1);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(record(i, "example.com/a@v1.0." + i, request("v1.0." + i)));
    }
    start(
        consumption(1),
        records,
        (event, delivery) -> {
          await(release);
          return Handled.done();
        });

    await(() -> consumer.paused().contains(PARTITION), "the partition paused");
    release.countDown();
    await(() -> committed(PARTITION) == 3, "all committed");
    await(() -> !consumer.paused().contains(PARTITION), "the partition resumed");
  }

  @Test
  void aRetryIsCopiedToTheRetryTopicWithItsAttemptAndDueTimeAndTheSourceCommitted() {
    ConsumerRecord<String, byte[]> first = record(0, "example.com/a@v1.0.0", request("v1.0.0"));
    first.headers().add("traceparent", bytes(TRACEPARENT));
    long before = System.currentTimeMillis();
    start(
        consumption(1).withRetries(new RetryPolicy(3, Duration.ofHours(1), Duration.ofHours(1), 0)),
        List.of(first),
        (event, delivery) -> Handled.retryLater("503 from upstream (test)"));

    await(() -> committed(PARTITION) == 1, "the source record committed");
    ProducerRecord<String, byte[]> retry = producer.history().get(0);
    assertThat(retry.topic()).isEqualTo(Topics.retry(GROUP, 1));
    assertThat(retry.key()).isEqualTo("example.com/a@v1.0.0");
    assertThat(retry.value()).isEqualTo(first.value());
    assertThat(header(retry, RetryRecords.ATTEMPT)).isEqualTo("2");
    assertThat(Long.parseLong(header(retry, RetryRecords.DUE)))
        .isGreaterThanOrEqualTo(before + Duration.ofHours(1).toMillis());
    assertThat(header(retry, RetryRecords.REASON)).isEqualTo("503 from upstream (test)");
    assertThat(header(retry, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.REQUESTS.name());
    assertThat(header(retry, "traceparent")).isEqualTo(TRACEPARENT);
    assertThat(retryCount()).isEqualTo(1);
  }

  @Test
  void aRetriedRecordComesBackAsItsAttemptOnlyOnceDueWithoutHoldingBackItsSource() {
    ConsumerRecord<String, byte[]> notDue =
        retryRecord(0, "example.com/a@v1.0.0", 2, System.currentTimeMillis() + 3_600_000);
    ConsumerRecord<String, byte[]> due =
        retryRecord(1, "example.com/a@v1.0.1", 3, System.currentTimeMillis() - 1);
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    start(
        consumption(4).withRetries(new RetryPolicy(5, Duration.ofHours(1), Duration.ofHours(1), 0)),
        List.of(record(0, "example.com/b@v1.0.0", request("example.com/b", "v1.0.0")), notDue, due),
        (event, delivery) -> {
          deliveries.add(delivery);
          return Handled.done();
        });

    await(() -> committed(PARTITION) == 1, "the source partition moved on");
    await(() -> handled.contains("example.com/a@v1.0.1"), "the retry that is due");
    assertThat(handled).doesNotContain("example.com/a@v1.0.0");
    assertThat(deliveries).extracting(Delivery::attempt).containsExactlyInAnyOrder(1, 3);
    // Its position stays before the record that is not due: a restart would bring it back.
    assertThat(committed(RETRY_1)).isLessThan(1);
  }

  @Test
  void interruptsAWorkerPastItsDeadline() {
    Queue<Boolean> interrupted = new ConcurrentLinkedQueue<>();
    start(
        consumption(1).withDeadline(Duration.ofMillis(200)),
        List.of(record(0, "example.com/a@v1.0.0", request("v1.0.0"))),
        (event, delivery) -> {
          try {
            Thread.sleep(WAIT.toMillis());
            interrupted.add(false);
          } catch (InterruptedException e) {
            interrupted.add(true);
          }
          return Handled.done();
        });

    await(() -> committed(PARTITION) == 1, "the record done after the interrupt");
    assertThat(interrupted).containsExactly(true);
  }

  @Test
  void anErrorInAWorkerStopsTheSubscriptionAsFatalAndLeavesTheRecordUncommitted() {
    start(
        consumption(1),
        List.of(record(0, "example.com/a@v1.0.0", request("v1.0.0"))),
        (event, delivery) -> {
          throw new OutOfMemoryError("Java heap space (test)");
        });

    await(() -> !fatal.isEmpty(), "the fatal failure reported");
    FatalFailure failure = fatal.peek();
    assertThat(failure.jvmError()).isTrue();
    assertThat(failure.reason()).contains("group g").contains("Java heap space (test)");
    loop.close();
    assertThat(committed(PARTITION)).isLessThan(1);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void kafkaRefusingAuthorizationStopsTheSubscriptionWithOneLine() {
    start(consumption(1), List.of(), (event, delivery) -> Handled.done());
    consumer.setPollException(new TopicAuthorizationException(Set.of(PARTITION.topic())));

    await(() -> !fatal.isEmpty(), "the fatal failure reported");
    assertThat(fatal.peek().reason())
        .startsWith("group g on " + PARTITION.topic())
        .contains("not authorized")
        .doesNotContain("\n");
    assertThat(fatal.peek().jvmError()).isFalse();
  }

  /** Issue 16 item 5: a dead-letter copy too large to send used to block its partition. */
  @Test
  void aDeadLetterTooLargeToSendWholeIsSentTruncatedAndThePartitionMovesOn() {
    byte[] huge = new byte[300_000];
    java.util.Arrays.fill(huge, (byte) '{');
    producer.maxValueBytes = 200_000;
    start(
        consumption(1),
        List.of(
            record(0, "example.com/a@v1.0.0", huge),
            record(1, "example.com/a@v1.0.1", request("v1.0.1"))),
        (event, delivery) -> Handled.done());

    await(() -> committed(PARTITION) == 2, "the partition moved past the poison record");
    assertThat(handled).containsExactly("example.com/a@v1.0.1");
    ProducerRecord<String, byte[]> copy = producer.history().get(0);
    assertThat(copy.value()).hasSize(DeadLetters.TRUNCATED_PREFIX);
    assertThat(header(copy, DeadLetters.TRUNCATED)).isEqualTo("true");
    assertThat(header(copy, DeadLetters.ORIGINAL_SIZE)).isEqualTo("300000");
    assertThat(header(copy, DeadLetters.ORIGINAL_SHA256)).isEqualTo(DeadLetters.sha256(huge));
    assertThat(header(copy, DeadLetters.ERROR_KIND)).isEqualTo("invalid-input");
  }

  @Test
  void aRecordWhoseDeadLetterCannotBeSentAtAllIsLoggedAndThePartitionMovesOn() {
    producer.maxValueBytes = 10;
    start(
        consumption(1),
        List.of(
            record(0, "example.com/a@v1.0.0", bytes("this is not JSON")),
            record(1, "example.com/a@v1.0.1", request("v1.0.1"))),
        (event, delivery) -> Handled.done());

    await(() -> committed(PARTITION) == 2, "the partition moved past the poison record");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void aDeadLetterThatTimesOutIsSentAgainBeforeTheRecordIsCommitted() {
    producer.failuresLeft.set(1);
    start(
        consumption(1),
        List.of(record(0, "example.com/a@v1.0.0", bytes("nope"))),
        (event, delivery) -> Handled.done());

    await(() -> committed(PARTITION) == 1, "the record committed after the second attempt");
    assertThat(producer.attempts.get()).isEqualTo(2);
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void closingWaitsForTheWorkInFlightAndCommitsIt() {
    CountDownLatch started = new CountDownLatch(1);
    start(
        consumption(2).withShutdownGrace(WAIT),
        List.of(record(0, "example.com/a@v1.0.0", request("v1.0.0"))),
        (event, delivery) -> {
          started.countDown();
          sleep(300);
          return Handled.done();
        });
    await(started);

    loop.close();

    assertThat(handled).containsExactly("example.com/a@v1.0.0");
    assertThat(committed(PARTITION)).isEqualTo(1);
  }

  @Test
  void closingAbandonsWorkPastTheGraceWithoutCommittingIt() {
    CountDownLatch started = new CountDownLatch(1);
    start(
        consumption(1).withShutdownGrace(Duration.ofMillis(100)),
        List.of(record(0, "example.com/a@v1.0.0", request("v1.0.0"))),
        (event, delivery) -> {
          started.countDown();
          try {
            Thread.sleep(WAIT.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted (test)");
          }
          return Handled.done();
        });
    await(started);

    loop.close();

    assertThat(committed(PARTITION)).isLessThan(1);
  }

  private Consumption<VersionRequested> consumption(int inFlight) {
    return Consumption.of(Topics.REQUESTS, GROUP)
        .withInFlight(inFlight)
        .withDeadline(Duration.ofMinutes(1))
        .withShutdownGrace(Duration.ofSeconds(5));
  }

  private void start(
      Consumption<VersionRequested> consumption,
      List<ConsumerRecord<String, byte[]>> records,
      Worker<VersionRequested> behaviour) {
    List<String> topics = new ArrayList<>(List.of(Topics.REQUESTS.name()));
    List<TopicPartition> partitions = new ArrayList<>(List.of(PARTITION));
    if (consumption.retries().tiers() > 0) {
      topics.add(RETRY_1.topic());
      partitions.add(RETRY_1);
    }
    Map<TopicPartition, Long> beginnings = new java.util.HashMap<>();
    partitions.forEach(p -> beginnings.put(p, 0L));
    consumer.updateBeginningOffsets(beginnings);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(partitions);
          records.forEach(consumer::addRecord);
        });
    KafkaBusConfig config =
        new KafkaBusConfig("localhost:9092", "test", 1, (short) 1, Duration.ofSeconds(5));
    KafkaEventBus.Shared shared =
        new KafkaEventBus.Shared(
            config,
            producer,
            json,
            new DeadLetters(producer, Duration.ofSeconds(5), telemetry.getMeter(Telemetry.SCOPE)),
            telemetry,
            telemetry.getTracer(Telemetry.SCOPE),
            Clock.systemUTC());
    ConsumerMetrics consumerMetrics =
        new ConsumerMetrics(telemetry.getMeter(Telemetry.SCOPE), GROUP, "test-loop");
    Worker<VersionRequested> recorded =
        (event, delivery) -> {
          handledTraceIds.add(Span.current().getSpanContext().getTraceId());
          Handled result = behaviour.handle(event, delivery);
          handled.add(event.ref().key());
          return result;
        };
    loop =
        new ConsumerLoop<>(
            consumption,
            consumer,
            topics,
            new RecordProcessor<>(consumption, recorded, shared, consumerMetrics),
            consumerMetrics,
            fatal::add,
            Clock.systemUTC(),
            "test-loop");
    loop.start();
  }

  private long committed(TopicPartition partition) {
    return consumer.commits.getOrDefault(partition, -1L);
  }

  private long deadLetterCount(String kind) {
    return sum("modmirror.dead_letter.records", kind);
  }

  private long retryCount() {
    return sum("modmirror.consumer.retries", null);
  }

  private long sum(String metric, String kind) {
    return metrics.collectAllMetrics().stream()
        .filter(m -> m.getName().equals(metric))
        .map(MetricData::getLongSumData)
        .flatMap(sum -> sum.getPoints().stream())
        .filter(p -> kind == null || kind.equals(p.getAttributes().get(Telemetry.ERROR_KIND)))
        .mapToLong(LongPointData::getValue)
        .sum();
  }

  private byte[] request(String version) {
    return request("example.com/a", version);
  }

  private byte[] request(String module, String version) {
    return json.write(
        VersionRequested.of(
            ModuleRef.of(module, version),
            RequestSource.MANUAL,
            "test",
            Instant.parse("2026-11-25T00:00:00Z")));
  }

  private ConsumerRecord<String, byte[]> retryRecord(
      long offset, String key, int attempt, long dueMillis) {
    String version = key.substring(key.indexOf('@') + 1);
    ConsumerRecord<String, byte[]> r = record(RETRY_1, offset, key, request(version));
    r.headers().add(RetryRecords.ATTEMPT, bytes(Integer.toString(attempt)));
    r.headers().add(RetryRecords.DUE, bytes(Long.toString(dueMillis)));
    r.headers().add(DeadLetters.SOURCE_TOPIC, bytes(Topics.REQUESTS.name()));
    return r;
  }

  private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
    return record(PARTITION, offset, key, value);
  }

  private static ConsumerRecord<String, byte[]> record(
      TopicPartition partition, long offset, String key, byte[] value) {
    return new ConsumerRecord<>(
        partition.topic(),
        partition.partition(),
        offset,
        0L,
        TimestampType.CREATE_TIME,
        0,
        value.length,
        key,
        value,
        new RecordHeaders(),
        java.util.Optional.empty());
  }

  private static String header(ProducerRecord<String, byte[]> record, String key) {
    return KafkaHeaders.text(record.headers(), key);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("timed out waiting for a latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted (test)");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      sleep(10);
    }
  }

  /** A MockConsumer whose commits can be read after it was closed. */
  private static final class RecordingConsumer extends MockConsumer<String, byte[]> {
    final Map<TopicPartition, Long> commits = new java.util.concurrent.ConcurrentHashMap<>();

    RecordingConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets,
        org.apache.kafka.clients.consumer.OffsetCommitCallback callback) {
      offsets.forEach((p, o) -> commits.put(p, o.offset()));
      super.commitAsync(offsets, callback);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
      offsets.forEach((p, o) -> commits.put(p, o.offset()));
      super.commitSync(offsets, timeout);
    }
  }

  /**
   * A MockProducer whose first sends fail as if the broker did not answer, and which refuses values
   * over a size as the real producer refuses records over {@code max.request.size}.
   */
  private static final class FlakyProducer extends MockProducer<String, byte[]> {
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();
    volatile int maxValueBytes = Integer.MAX_VALUE;

    FlakyProducer() {
      super(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized Future<RecordMetadata> send(
        ProducerRecord<String, byte[]> record,
        org.apache.kafka.clients.producer.Callback callback) {
      attempts.incrementAndGet();
      RuntimeException refusal = null;
      if (failuresLeft.getAndDecrement() > 0) {
        refusal = new TimeoutException("broker away (test)");
      } else if (record.value() != null && record.value().length > maxValueBytes) {
        refusal = new RecordTooLargeException("record too large (test)");
      }
      if (refusal != null) {
        callback.onCompletion(null, refusal);
        return CompletableFuture.failedFuture(refusal);
      }
      return super.send(record, callback);
    }
  }
}
