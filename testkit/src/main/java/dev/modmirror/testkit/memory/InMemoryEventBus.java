package dev.modmirror.testkit.memory;

import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.EventHandler;
import dev.modmirror.core.event.Topic;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventBus} in one JVM that behaves like the Kafka one where use cases can tell: each
 * subscription delivers on a thread of its own; subscriptions of one group share the events (each
 * once per group) and every group sees every event; a new group starts at the oldest event; the
 * OpenTelemetry context current at publish is current in the handler; a handler that throws has its
 * event put on {@link #deadLetters()} and delivery goes on.
 */
public final class InMemoryEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(InMemoryEventBus.class);
  private static final long POLL_MILLIS = 50;

  private final Map<String, TopicLog> logs = new ConcurrentHashMap<>();
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final Set<Delivery> deliveries = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private InMemoryEventBus() {}

  public static InMemoryEventBus create() {
    return new InMemoryEventBus();
  }

  /** Events whose handler threw, oldest first. */
  public List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /**
   * @throws IllegalStateException if the bus is closed
   */
  @Override
  public <E extends Event> void publish(Topic<E> topic, E event) {
    if (closed) {
      throw new IllegalStateException("event bus is closed");
    }
    logOf(topic).append(topic.type().cast(event), Context.current());
  }

  @Override
  public <E extends Event> Subscription subscribe(
      Topic<E> topic, String group, EventHandler<E> handler) {
    if (closed) {
      throw new IllegalStateException("event bus is closed");
    }
    Delivery delivery = new Delivery(topic, group, handler);
    deliveries.add(delivery);
    delivery.thread.start();
    return delivery;
  }

  @Override
  public void close() {
    closed = true;
    deliveries.forEach(Delivery::close);
  }

  private TopicLog logOf(Topic<?> topic) {
    return logs.computeIfAbsent(topic.name(), name -> new TopicLog());
  }

  private final class Delivery implements Subscription {
    private final Thread thread;
    private volatile boolean stopped;

    <E extends Event> Delivery(Topic<E> topic, String group, EventHandler<E> handler) {
      TopicLog topicLog = logOf(topic);
      thread =
          new Thread(
              () -> run(topic, group, handler, topicLog),
              "inmemory-bus-" + topic.name() + "-" + group);
      thread.setDaemon(true);
    }

    private <E extends Event> void run(
        Topic<E> topic, String group, EventHandler<E> handler, TopicLog topicLog) {
      while (!stopped) {
        Optional<TopicLog.Entry> entry;
        try {
          entry = topicLog.next(group, POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        entry.ifPresent(e -> deliver(topic, group, handler, e));
      }
    }

    private <E extends Event> void deliver(
        Topic<E> topic, String group, EventHandler<E> handler, TopicLog.Entry entry) {
      Scope scope = entry.context().makeCurrent();
      try {
        handler.handle(topic.type().cast(entry.event()));
      } catch (RuntimeException e) {
        log.warn("handler of {} in group {} failed; dead-lettered", topic.name(), group, e);
        deadLetters.add(new DeadLetter(topic.name(), group, entry.event(), e));
      } finally {
        scope.close();
      }
    }

    @Override
    public void close() {
      stopped = true;
      deliveries.remove(this);
      if (Thread.currentThread() != thread) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
