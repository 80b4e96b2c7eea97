package dev.modmirror.adapters.kafka;

import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads of one subscription: at most {@link Consumption#inFlight()} records at once,
 * never two with the same key. Started and watched by the poll thread (which alone calls every
 * method but {@link #completions()}'s producers); workers report through {@link #completions()}.
 * Threads are created on demand and end after a minute idle.
 *
 * <p>A record whose worker returned {@link dev.modmirror.core.event.Handled#doneWhen} frees its
 * thread at once and is reported when its outcome's publication ends; until then it still counts as
 * work (revocation and shutdown wait for it, its key stays busy), and at most {@value
 * #RECORDING_PER_WORKER} times the in-flight bound of such records wait at once.
 */
final class WorkerPool<E extends Event> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

  private static final int RECORDING_PER_WORKER = 4;

  private final int limit;
  private final RecordProcessor<E> processor;
  private final ThreadPoolExecutor executor;
  private final Set<RecordTask> running = ConcurrentHashMap.newKeySet();
  private final Set<RecordTask> recording = ConcurrentHashMap.newKeySet();
  private final Map<String, RecordTask> busyKeys = new ConcurrentHashMap<>();
  private final Queue<RecordTask.Completion> completions = new ConcurrentLinkedQueue<>();
  private final Semaphore reported = new Semaphore(0);

  WorkerPool(Consumption<E> consumption, RecordProcessor<E> processor, String name) {
    this.limit = consumption.inFlight();
    this.processor = processor;
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            limit,
            limit,
            1,
            TimeUnit.MINUTES,
            // Never longer than the limit: the poll thread starts a task only when there is room.
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-worker-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  boolean hasRoom() {
    return running.size() < limit && recording.size() < limit * RECORDING_PER_WORKER;
  }

  /** Records not done: being worked on, or waiting for their outcome's publication. */
  int size() {
    return running.size() + recording.size();
  }

  boolean busy(String key) {
    return busyKeys.containsKey(key);
  }

  boolean anyMatch(Predicate<RecordTask> which) {
    return running.stream().anyMatch(which) || recording.stream().anyMatch(which);
  }

  Queue<RecordTask.Completion> completions() {
    return completions;
  }

  void start(RecordTask task) {
    running.add(task);
    if (task.key() != null) {
      busyKeys.put(task.key(), task);
    }
    executor.execute(() -> run(task));
  }

  private void run(RecordTask task) {
    task.runningOn(Thread.currentThread());
    CompletableFuture<RecordTask.Result> result;
    try {
      result = processor.process(task).toCompletableFuture();
    } catch (Throwable t) {
      result = CompletableFuture.failedFuture(t);
    } finally {
      task.runningOn(null);
      // The deadline's interrupt must not leak into the next record on this thread.
      Thread.interrupted();
    }
    if (result.isDone()) {
      report(task, result, running);
      return;
    }
    // Its outcome is being published: the thread is free, the record is not done yet.
    recording.add(task);
    running.remove(task);
    CompletableFuture<RecordTask.Result> recorded = result;
    recorded.whenComplete((ok, error) -> report(task, recorded, recording));
  }

  private void report(
      RecordTask task, CompletableFuture<RecordTask.Result> result, Set<RecordTask> from) {
    RecordTask.Completion completion;
    try {
      completion = new RecordTask.Completion(task, result.join(), null);
    } catch (CompletionException | CancellationException e) {
      // A JVM error or a Kafka failure no retry cures: the subscription stops; the record stays
      // unacknowledged and is worked on again after the restart.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      completion = new RecordTask.Completion(task, RecordTask.Result.AGAIN, cause);
    }
    // Reported before the task leaves its set, so that whoever sees no task left (a revocation,
    // a shutdown) finds its result queued.
    completions.add(completion);
    reported.release();
    if (task.key() != null) {
      busyKeys.remove(task.key(), task);
    }
    from.remove(task);
  }

  /**
   * Waits until a worker reports or {@code max} passes, whichever is first: the poll thread's sleep
   * while it cannot block in the consumer's poll.
   */
  void awaitReport(Duration max) {
    try {
      if (reported.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS)) {
        reported.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Interrupts every worker whose record is past its deadline, once. */
  void enforceDeadlines(Instant now) {
    for (RecordTask task : running) {
      if (now.isAfter(task.deadline()) && task.interrupt()) {
        log.warn(
            "{} key {}: past its deadline ({}), interrupting its worker",
            task.where(),
            task.key(),
            task.deadline());
      }
    }
  }

  void interruptAll() {
    new HashSet<>(running).forEach(RecordTask::interrupt);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
