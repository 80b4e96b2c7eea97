package dev.modmirror.adapters.kafka;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.Handled;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works on one record on a worker thread, in the publisher's trace: reads it, hands it to the
 * worker, and carries out the answer: a retry is copied to the group's retry topic, a failure is
 * dead-lettered. Every way out is either {@link RecordTask.Result#DONE} (the record may be
 * acknowledged) or {@link RecordTask.Result#AGAIN} (a publish did not go through: work on it
 * again), now or, for a worker's {@link Handled#doneWhen}, once its outcome's publication ends.
 */
final class RecordProcessor<E extends Event> {
  private static final Logger log = LoggerFactory.getLogger(RecordProcessor.class);

  private final Consumption<E> consumption;
  private final Worker<E> worker;
  private final EventJson json;
  private final DeadLetters deadLetters;
  private final Producer<String, byte[]> producer;
  private final KafkaBusConfig config;
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final ConsumerMetrics metrics;
  private final Clock clock;

  RecordProcessor(
      Consumption<E> consumption,
      Worker<E> worker,
      KafkaEventBus.Shared shared,
      ConsumerMetrics metrics) {
    this.consumption = consumption;
    this.worker = worker;
    this.json = shared.json();
    this.deadLetters = shared.deadLetters();
    this.producer = shared.producer();
    this.config = shared.config();
    this.openTelemetry = shared.openTelemetry();
    this.tracer = shared.tracer();
    this.metrics = metrics;
    this.clock = shared.clock();
  }

  /**
   * Works on the task's record on the calling thread; the stage is complete on return except after
   * a {@link Handled#doneWhen}, whose publication completes it ({@code DONE}, or {@code AGAIN} if
   * it failed).
   *
   * @throws RecordTask.Fatal if the publication failed in a way no retry cures, synchronously or
   *     (exceptionally completing the stage) later
   */
  CompletionStage<RecordTask.Result> process(RecordTask task) {
    ConsumerRecord<String, byte[]> record = task.record();
    Context parent =
        openTelemetry
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), record.headers(), KafkaHeaders.GETTER);
    Span span =
        MessagingSpans.process(tracer, parent, consumption.group(), record)
            .setAttribute(Telemetry.ATTEMPT, (long) task.attempt());
    // trace_id and span_id reach the log lines through the MDC (LogContext), not by hand.
    try (Scope ignored = span.makeCurrent()) {
      return handle(task, span);
    } finally {
      span.end();
    }
  }

  private CompletionStage<RecordTask.Result> handle(RecordTask task, Span span) {
    ConsumerRecord<String, byte[]> record = task.record();
    try {
      E event = json.read(topic(record), record.value());
      Delivery delivery =
          new Delivery(task.attempt(), consumption.retries().maxAttempts(), task.deadline());
      Handled handled = worker.handle(event, delivery);
      if (handled instanceof Handled.RetryLater later) {
        return CompletableFuture.completedFuture(retry(task, delivery, later.reason()));
      }
      if (handled instanceof Handled.DoneWhen pending) {
        return pending.recorded().handle((ok, error) -> recorded(task, error));
      }
      return CompletableFuture.completedFuture(RecordTask.Result.DONE);
    } catch (TransientException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, "again");
      again(task, e);
      return CompletableFuture.completedFuture(RecordTask.Result.AGAIN);
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, DeadLetters.kindOf(e));
      span.setAttribute(Telemetry.ERROR_TYPE, DeadLetters.kindOf(e));
      stopIfFatal(e);
      log.warn(
          "{} in group {}: {} key {} failed ({}), dead-lettering",
          record.topic(),
          consumption.group(),
          task.where(),
          record.key(),
          DeadLetters.kindOf(e),
          e);
      return CompletableFuture.completedFuture(deadLetter(record, e));
    }
  }

  /**
   * How a {@link Handled#doneWhen} ends, on the thread that completed its publication (the
   * producer's): done once stored; a failure is worked on again, as a worker's transient failure
   * is, unless no retry cures it.
   */
  private RecordTask.Result recorded(RecordTask task, Throwable error) {
    if (error == null) {
      return RecordTask.Result.DONE;
    }
    Throwable cause =
        error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
    if (cause instanceof RuntimeException e) {
      stopIfFatal(e);
    }
    again(task, cause);
    return RecordTask.Result.AGAIN;
  }

  private void again(RecordTask task, Throwable cause) {
    ConsumerRecord<String, byte[]> record = task.record();
    log.warn(
        "{} in group {}: {} key {} not finished, will work on it again: {}",
        record.topic(),
        consumption.group(),
        task.where(),
        record.key(),
        cause.getMessage());
  }

  private RecordTask.Result retry(RecordTask task, Delivery delivery, String reason) {
    ConsumerRecord<String, byte[]> record = task.record();
    if (delivery.lastAttempt()) {
      // The worker broke its contract; dead-letter rather than lose or loop.
      return deadLetter(
          record, new PermanentException("asked to retry after the last attempt: " + reason));
    }
    var copy =
        RetryRecords.next(
            record,
            consumption.retryScope(),
            consumption.retries(),
            task.attempt(),
            reason,
            clock.millis());
    try {
      Sends.await(
          Sends.send(producer, copy, null, null),
          config.publishTimeout(),
          "retry of " + task.where() + " to " + copy.topic(),
          null,
          null);
    } catch (TransientException e) {
      log.warn(
          "{}: could not queue its retry, will work on it again: {}", task.where(), e.getMessage());
      return RecordTask.Result.AGAIN;
    } catch (PermanentException e) {
      stopIfFatal(e);
      return deadLetter(record, e);
    }
    metrics.retried(DeadLetters.source(record), task.attempt());
    log.info(
        "{} key {}: attempt {} of {} will be retried: {}",
        task.where(),
        record.key(),
        task.attempt(),
        delivery.maxAttempts(),
        reason);
    return RecordTask.Result.DONE;
  }

  private RecordTask.Result deadLetter(ConsumerRecord<String, byte[]> record, Throwable error) {
    try {
      deadLetters.send(record, consumption.group(), error);
      return RecordTask.Result.DONE;
    } catch (PermanentException e) {
      stopIfFatal(e);
      throw e;
    } catch (TransientException e) {
      log.error(
          "{} in group {}: could not dead-letter {}, will work on it again: {}",
          record.topic(),
          consumption.group(),
          DeadLetters.where(record),
          e.toString());
      return RecordTask.Result.AGAIN;
    }
  }

  private static void stopIfFatal(RuntimeException e) {
    var fatal = KafkaFailures.fatal(e);
    if (fatal.isPresent()) {
      throw new RecordTask.Fatal(fatal.get(), e);
    }
  }

  /** The typed topic a record is read as: its source topic's, for a record on a retry topic. */
  private Topic<E> topic(ConsumerRecord<String, byte[]> record) {
    String source = DeadLetters.source(record);
    return consumption.topics().stream()
        .filter(t -> t.name().equals(source))
        .findFirst()
        .orElse(consumption.topics().get(0));
  }
}
