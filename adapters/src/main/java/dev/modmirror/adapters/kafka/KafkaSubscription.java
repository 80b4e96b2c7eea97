package dev.modmirror.adapters.kafka;

import dev.modmirror.adapters.json.EventJson;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.EventHandler;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: a consumer on a thread of its own that reads a record, handles it in the
 * publisher's trace, and commits it, one at a time. A record that cannot be read or whose handler
 * throws is dead-lettered and then committed; if even that fails, the record is read again after a
 * pause. The loop never ends on an error, only on {@link #close()}.
 */
final class KafkaSubscription<E extends Event> implements EventBus.Subscription {
  private static final Logger log = LoggerFactory.getLogger(KafkaSubscription.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private final Topic<E> topic;
  private final String group;
  private final EventHandler<E> handler;
  private final Consumer<String, byte[]> consumer;
  private final EventJson json;
  private final DeadLetters deadLetters;
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final Thread thread;
  private final Set<KafkaSubscription<?>> registry;
  private volatile boolean stopped;

  KafkaSubscription(
      Topic<E> topic,
      String group,
      EventHandler<E> handler,
      Consumer<String, byte[]> consumer,
      KafkaEventBus.Shared shared,
      Set<KafkaSubscription<?>> registry) {
    this.topic = topic;
    this.group = group;
    this.handler = handler;
    this.consumer = consumer;
    this.json = shared.json();
    this.deadLetters = shared.deadLetters();
    this.openTelemetry = shared.openTelemetry();
    this.tracer = shared.tracer();
    this.registry = registry;
    this.thread = new Thread(this::run, "kafka-" + topic.name() + "-" + group);
  }

  void start() {
    registry.add(this);
    thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()));
      while (!stopped) {
        try {
          pollOnce();
        } catch (WakeupException e) {
          // close() woke us up; the loop condition ends it.
        } catch (RuntimeException e) {
          // Commit failures after a rebalance land here: the records come again (at least once).
          log.warn(
              "{} in group {}: consumer error, retrying: {}", topic.name(), group, e.toString());
          pause();
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (stopped) {
          return;
        }
        if (!process(record)) {
          consumer.seek(partition, record.offset());
          pause();
          break;
        }
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
      }
    }
  }

  /**
   * @return false if the record must be read again: it could be neither handled nor dead-lettered
   */
  private boolean process(ConsumerRecord<String, byte[]> record) {
    Context parent =
        openTelemetry
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), record.headers(), KafkaHeaders.GETTER);
    Span span = MessagingSpans.process(tracer, parent, group, record);
    Scope scope = span.makeCurrent();
    try {
      handler.handle(json.read(topic, record.value()));
      return true;
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, DeadLetters.kindOf(e));
      span.setAttribute(Telemetry.ERROR_TYPE, DeadLetters.kindOf(e));
      log.warn(
          "{} in group {}: record {} key {} failed ({}), dead-lettering",
          topic.name(),
          group,
          DeadLetters.where(record),
          record.key(),
          DeadLetters.kindOf(e),
          e);
      return deadLetter(record, e);
    } finally {
      scope.close();
      span.end();
    }
  }

  private boolean deadLetter(ConsumerRecord<String, byte[]> record, Throwable error) {
    try {
      deadLetters.send(record, group, error);
      return true;
    } catch (RuntimeException e) {
      log.error(
          "{} in group {}: could not dead-letter {}, will read it again: {}",
          topic.name(),
          group,
          DeadLetters.where(record),
          e.toString());
      return false;
    }
  }

  private void pause() {
    try {
      Thread.sleep(BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }

  @Override
  public void close() {
    stopped = true;
    consumer.wakeup();
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    registry.remove(this);
  }
}
