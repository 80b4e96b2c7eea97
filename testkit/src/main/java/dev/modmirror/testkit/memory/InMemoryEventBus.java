package dev.modmirror.testkit.memory;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Handled;
import dev.modmirror.core.event.Topic;
import dev.modmirror.core.event.Worker;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventBus} in one JVM that behaves like the Kafka one where use cases can tell: each
 * subscription takes events on a thread of its own and works on up to {@link
 * Consumption#inFlight()} at once, never two with the same key; subscriptions of one group share
 * the events (each once per group) and every group sees every event; a new group starts at the
 * oldest event; the OpenTelemetry context current at publish is current in the worker; {@link
 * Handled#retryLater} delivers the event again after the policy's delay as the next attempt; a
 * {@link TransientException} delivers it again after a pause; any other exception puts it on {@link
 * #deadLetters()}, and delivery goes on. A JVM {@link Error} is kept in {@link #failures()}.
 */
public final class InMemoryEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(InMemoryEventBus.class);
  private static final long IDLE_MILLIS = 20;
  private static final long AGAIN_MILLIS = 50;

  private final Map<String, TopicLog> logs = new ConcurrentHashMap<>();
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final Set<Feed<?>> deliveries = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private InMemoryEventBus() {}

  public static InMemoryEventBus create() {
    return new InMemoryEventBus();
  }

  /** Events whose worker threw (other than a transient failure), oldest first. */
  public List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** JVM errors thrown by workers, oldest first; the Kafka bus stops the process on them. */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /**
   * @throws IllegalStateException if the bus is closed
   */
  @Override
  public <E extends Event> void publish(Topic<E> topic, E event) {
    if (closed) {
      throw new IllegalStateException("event bus is closed");
    }
    logOf(topic.name()).append(topic.type().cast(event), Context.current());
  }

  @Override
  public <E extends Event> Subscription consume(Consumption<E> consumption, Worker<E> worker) {
    if (closed) {
      throw new IllegalStateException("event bus is closed");
    }
    Feed<E> delivery = new Feed<>(consumption, worker);
    deliveries.add(delivery);
    delivery.thread.start();
    return delivery;
  }

  @Override
  public void close() {
    closed = true;
    deliveries.forEach(Feed::close);
  }

  private TopicLog logOf(String topic) {
    return logs.computeIfAbsent(topic, name -> new TopicLog());
  }

  /** An event taken from a topic, as the attempt it is, due at a time. */
  private record Taken(String topic, TopicLog.Entry entry, int attempt, long dueMillis) {
    String key() {
      return entry.event().ref().key();
    }
  }

  private final class Feed<E extends Event> implements Subscription {
    private final Consumption<E> consumption;
    private final Worker<E> worker;
    private final Thread thread;
    private final ExecutorService workers;
    private final Semaphore room;
    private final Set<String> busyKeys = ConcurrentHashMap.newKeySet();
    private final List<Taken> waiting = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopped;

    Feed(Consumption<E> consumption, Worker<E> worker) {
      this.consumption = consumption;
      this.worker = worker;
      this.room = new Semaphore(consumption.inFlight());
      this.workers =
          Executors.newCachedThreadPool(daemon("inmemory-worker-" + consumption.group()));
      this.thread = new Thread(this::run, "inmemory-bus-" + consumption.group());
      thread.setDaemon(true);
    }

    private void run() {
      while (!stopped) {
        takeNew();
        if (!startDue()) {
          pause(IDLE_MILLIS);
        }
      }
    }

    private void takeNew() {
      if (waiting.size() >= consumption.inFlight()) {
        return; // backpressure: nothing more is claimed from the topics
      }
      for (Topic<E> topic : consumption.topics()) {
        try {
          Optional<TopicLog.Entry> entry = logOf(topic.name()).next(consumption.group(), 0);
          entry.ifPresent(e -> waiting.add(new Taken(topic.name(), e, 1, 0)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped = true;
        }
      }
    }

    /** Starts what is due and not held by its key; true if anything started. */
    private boolean startDue() {
      boolean started = false;
      List<String> held = new ArrayList<>();
      long now = System.currentTimeMillis();
      for (Iterator<Taken> it = waiting.iterator(); it.hasNext(); ) {
        Taken taken = it.next();
        String key = taken.key();
        if (taken.dueMillis() > now || busyKeys.contains(key) || held.contains(key)) {
          held.add(key);
          continue;
        }
        if (!room.tryAcquire()) {
          break;
        }
        waiting.remove(taken);
        busyKeys.add(key);
        running.incrementAndGet();
        workers.execute(() -> work(taken));
        started = true;
      }
      return started;
    }

    private void work(Taken taken) {
      Topic<E> topic =
          consumption.topics().stream()
              .filter(t -> t.name().equals(taken.topic()))
              .findFirst()
              .orElseThrow();
      int max = consumption.retries().maxAttempts();
      var delivery = new Delivery(taken.attempt(), max, Instant.now().plus(consumption.deadline()));
      try (Scope ignored = taken.entry().context().makeCurrent()) {
        Handled handled = worker.handle(topic.type().cast(taken.entry().event()), delivery);
        if (handled instanceof Handled.RetryLater later) {
          retry(taken, delivery, later.reason());
        }
        if (handled instanceof Handled.DoneWhen pending) {
          // Done once stored, as on Kafka; this fake waits for it on the worker's thread.
          awaitRecorded(pending);
        }
      } catch (TransientException e) {
        log.info("{} in group {}: not finished, again: {}", topic.name(), group(), e.getMessage());
        waiting.add(new Taken(taken.topic(), taken.entry(), taken.attempt(), later(AGAIN_MILLIS)));
      } catch (RuntimeException e) {
        log.warn("worker of {} in group {} failed; dead-lettered", topic.name(), group(), e);
        deadLetters.add(new DeadLetter(topic.name(), group(), taken.entry().event(), e));
      } catch (Error e) {
        log.error("worker of {} in group {} died", topic.name(), group(), e);
        failures.add(e);
      } finally {
        busyKeys.remove(taken.key());
        running.decrementAndGet();
        room.release();
      }
    }

    /**
     * @throws TransientException if the outcome's publication failed: the event comes again
     */
    private void awaitRecorded(Handled.DoneWhen pending) {
      try {
        pending.recorded().toCompletableFuture().join();
      } catch (CompletionException | CancellationException e) {
        throw new TransientException("outcome not stored: " + e.getCause(), null, null, e);
      }
    }

    private void retry(Taken taken, Delivery delivery, String reason) {
      if (delivery.lastAttempt()) {
        deadLetters.add(
            new DeadLetter(
                taken.topic(),
                group(),
                taken.entry().event(),
                new IllegalStateException("asked to retry after the last attempt: " + reason)));
        return;
      }
      long delay =
          consumption
              .retries()
              .delayAfter(taken.attempt(), ThreadLocalRandom.current().nextDouble())
              .toMillis();
      waiting.add(new Taken(taken.topic(), taken.entry(), taken.attempt() + 1, later(delay)));
    }

    private String group() {
      return consumption.group();
    }

    @Override
    public void close() {
      stopped = true;
      deliveries.remove(this);
      if (Thread.currentThread() != thread) {
        try {
          thread.join();
          // Claimed but never started: the group gets them again, as Kafka redelivers what was
          // not committed.
          for (Taken taken : waiting) {
            logOf(taken.topic()).giveBack(group(), taken.entry());
          }
          waiting.clear();
          workers.shutdown();
          if (!workers.awaitTermination(
              consumption.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static long later(long millis) {
    return System.currentTimeMillis() + millis;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
