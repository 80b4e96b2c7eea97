package dev.modmirror.adapters.kafka;

import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription's poll thread. It alone touches the consumer: it keeps polling whatever the
 * workers are doing (so a slow record never makes the consumer miss {@code max.poll.interval.ms}
 * and be handled twice), hands fetched records to up to {@link Consumption#inFlight()} workers
 * ({@link WorkerPool}), never two of one key at once, interrupts a worker past its deadline, pauses
 * a partition while its records wait for a worker (backpressure without unbounded queues), and
 * commits each partition up to its lowest offset not done ({@link PartitionLedger}),
 * asynchronously.
 *
 * <p>On revocation it waits for the revoked partitions' work (at most a deadline) and commits it,
 * so another member never works on a record while this one still does. Closing stops taking work,
 * waits up to the shutdown grace, interrupts what is left and commits what is done. A failure no
 * retry cures ({@link KafkaFailures}) or a JVM {@link Error} stops the loop and is reported once to
 * the bus's fatal listener.
 */
final class ConsumerLoop<E extends Event>
    implements EventBus.Subscription, ConsumerRebalanceListener {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(200);
  private static final Duration BUSY_POLL = Duration.ofMillis(10);
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);
  private static final Duration SYNC_COMMIT = Duration.ofSeconds(10);
  private static final long LAG_EVERY_MILLIS = 5_000;
  // Commits are batched: each is a write to __consumer_offsets, and a crash only redoes the
  // records done since the last one.
  private static final long COMMIT_EVERY_MILLIS = 200;
  private static final long TOPIC_CHECK_EVERY_MILLIS = 30_000;
  private static final long FIRST_AGAIN_MILLIS = 500;
  private static final long MAX_AGAIN_MILLIS = 30_000;
  private static final long ERROR_PAUSE_MILLIS = 1_000;

  private final Consumption<E> consumption;
  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final List<String> topics;
  private final WorkerPool<E> workers;
  private final ConsumerMetrics metrics;
  private final Consumer<FatalFailure> fatalListener;
  private final Clock clock;
  private final Thread thread;
  private final Map<TopicPartition, PartitionLedger> ledgers = new LinkedHashMap<>();
  private final Set<TopicPartition> paused = new HashSet<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private final int maxWaiting;
  private long nextLagAt;
  private long nextCommitAt;
  private long nextTopicCheckAt;
  private int rotation;

  ConsumerLoop(
      Consumption<E> consumption,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      List<String> topics,
      RecordProcessor<E> processor,
      ConsumerMetrics metrics,
      Consumer<FatalFailure> fatalListener,
      Clock clock,
      String name) {
    this.consumption = consumption;
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.metrics = metrics;
    this.fatalListener = fatalListener;
    this.clock = clock;
    this.workers = new WorkerPool<>(consumption, processor, name);
    this.maxWaiting = KafkaEventBus.maxPollRecords(consumption);
    this.thread = new Thread(this::run, name);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(topics, this);
      while (!stopping) {
        step();
      }
      shutDown();
    } catch (StopLoop stop) {
      report(stop.failure);
    } catch (Throwable t) {
      report(new FatalFailure(consumption.group() + ": consumer thread died: " + t, t));
    } finally {
      workers.close();
      try {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        log.debug("{}: closing the consumer: {}", consumption.group(), e.toString());
      }
      metrics.close();
      finished.countDown();
    }
  }

  private void step() {
    try {
      Duration timeout = pollTimeout();
      if (paused.isEmpty() || timeout.isZero()) {
        accept(consumer.poll(timeout));
      } else {
        // The new consumer's poll spins, not sleeps, while paused partitions have fetched data
        // buffered; so take what is there and wait for a worker's report instead.
        accept(consumer.poll(Duration.ZERO));
        workers.awaitReport(timeout);
      }
      settle();
    } catch (WakeupException e) {
      // close() may wake a poll; the loop condition decides.
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof StopLoop stop) {
          throw stop; // thrown in a rebalance callback, which the consumer wraps
        }
      }
      var fatal = KafkaFailures.fatal(e);
      if (fatal.isPresent()) {
        throw new StopLoop(new FatalFailure(where() + ": " + fatal.get(), e));
      }
      // A rebalance, a broker restarting, a commit refused: records come again (at least once).
      log.warn("{}: consumer error, going on: {}", where(), e.toString());
      sleep(ERROR_PAUSE_MILLIS);
    }
  }

  private void accept(ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      PartitionLedger ledger = ledgers.get(new TopicPartition(record.topic(), record.partition()));
      if (ledger != null) {
        ledger.fetched(record, RetryRecords.due(record));
      }
    }
  }

  /** Everything between two polls: results, deadlines, new work, pauses, commits, checks. */
  private void settle() {
    drainCompletions();
    workers.enforceDeadlines(clock.instant());
    if (!stopping) {
      dispatch();
    }
    applyPauses();
    commit();
    periodicChecks();
  }

  private void drainCompletions() {
    RecordTask.Completion completion;
    while ((completion = workers.completions().poll()) != null) {
      RecordTask task = completion.task();
      if (completion.fatal() != null) {
        throw new StopLoop(fatalOf(task, completion.fatal()));
      }
      PartitionLedger ledger = ledgers.get(task.partition());
      if (ledger == null) {
        continue; // revoked or lost meanwhile: its new owner works on it again
      }
      if (completion.result() == RecordTask.Result.DONE) {
        ledger.done(task.record().offset());
      } else {
        int redos = task.waiting().redos();
        long delay = Math.min(MAX_AGAIN_MILLIS, FIRST_AGAIN_MILLIS << Math.min(redos, 10));
        ledger.again(task.waiting(), clock.millis() + delay);
      }
    }
    metrics.inFlight(workers.size());
  }

  private FatalFailure fatalOf(RecordTask task, Throwable error) {
    String what = error instanceof Error ? error.toString() : error.getMessage();
    return new FatalFailure(
        where() + ": " + what + " (while working on " + task.where() + ")", error);
  }

  private void dispatch() {
    if (ledgers.isEmpty()) {
      return;
    }
    long now = clock.millis();
    List<PartitionLedger> order = new ArrayList<>(ledgers.values());
    // A different partition goes first each time, so none starves the others of workers.
    rotation = (rotation + 1) % order.size();
    for (int i = 0; i < order.size() && workers.hasRoom(); i++) {
      dispatch(order.get((rotation + i) % order.size()), now);
    }
    metrics.inFlight(workers.size());
  }

  private void dispatch(PartitionLedger ledger, long now) {
    Set<String> heldKeys = new HashSet<>();
    for (PartitionLedger.Waiting waiting : ledger.waiting()) {
      if (!workers.hasRoom()) {
        return;
      }
      String key = waiting.record().key();
      // A record waits behind an earlier one of its key, and behind its own due time.
      boolean held = key != null && (workers.busy(key) || heldKeys.contains(key));
      if (held || waiting.notBeforeMillis() > now) {
        if (key != null) {
          heldKeys.add(key);
        }
        continue;
      }
      ledger.take(waiting.record().offset());
      int attempt = RetryRecords.attempt(waiting.record(), consumption.retries().maxAttempts());
      Instant deadline = Instant.ofEpochMilli(now).plus(consumption.deadline());
      workers.start(new RecordTask(waiting, attempt, deadline));
    }
  }

  /**
   * Pauses a partition while it has records that could start but wait for a worker (backpressure),
   * or a full fetch's worth waiting for their due time (a retry tier, a record to work on again); a
   * record waiting for its time alone does not stop the records behind it from being fetched.
   */
  private void applyPauses() {
    long now = clock.millis();
    Set<TopicPartition> wanted = new HashSet<>();
    ledgers.forEach(
        (partition, ledger) -> {
          if (stopping || ledger.hasDue(now) || ledger.waitingCount() >= maxWaiting) {
            wanted.add(partition);
          }
        });
    Set<TopicPartition> pause = new HashSet<>(wanted);
    pause.removeAll(paused);
    Set<TopicPartition> resume = new HashSet<>(paused);
    resume.removeAll(wanted);
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
    paused.clear();
    paused.addAll(wanted);
  }

  private void commit() {
    long now = clock.millis();
    if (now < nextCommitAt) {
      return;
    }
    nextCommitAt = now + COMMIT_EVERY_MILLIS;
    Map<TopicPartition, OffsetAndMetadata> offsets = offsetsToCommit(p -> true);
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(
        offsets,
        (committed, error) -> {
          if (error != null) {
            // Sent again with the next commit; a crash meanwhile only redoes work.
            // The callback's own map is null on some failures (a coordinator lost mid-commit):
            // what was sent is the map this commit built.
            log.debug("{}: commit failed, will resend: {}", where(), error.toString());
            offsets.keySet().forEach(p -> ledgerCommitted(p, -1));
          }
        });
  }

  private Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(Predicate<TopicPartition> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    ledgers.forEach(
        (partition, ledger) -> {
          if (which.test(partition)) {
            ledger
                .toCommit()
                .ifPresent(
                    offset -> {
                      offsets.put(partition, new OffsetAndMetadata(offset));
                      ledger.committed(offset);
                    });
          }
        });
    return offsets;
  }

  private void ledgerCommitted(TopicPartition partition, long offset) {
    PartitionLedger ledger = ledgers.get(partition);
    if (ledger != null) {
      ledger.committed(offset);
    }
  }

  private void commitSync(Predicate<TopicPartition> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = offsetsToCommit(which);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, SYNC_COMMIT);
    } catch (RuntimeException e) {
      // The next owner works on these records again: at least once, never skipped.
      log.warn("{}: final commit of {} failed: {}", where(), offsets.keySet(), e.toString());
    }
  }

  private void periodicChecks() {
    long now = clock.millis();
    if (now >= nextLagAt) {
      nextLagAt = now + LAG_EVERY_MILLIS;
      Map<String, Long> lag = new HashMap<>();
      ledgers.forEach(
          (partition, ledger) ->
              lag.merge(
                  partition.topic(),
                  ledger.pendingCount() + consumer.currentLag(partition).orElse(0),
                  Long::sum));
      metrics.lag(lag);
    }
    if (now >= nextTopicCheckAt) {
      if (nextTopicCheckAt > 0) {
        checkTopicsExist();
      }
      nextTopicCheckAt = now + TOPIC_CHECK_EVERY_MILLIS;
    }
  }

  private void checkTopicsExist() {
    for (String topic : topics) {
      List<?> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions == null || partitions.isEmpty()) {
        throw new StopLoop(
            new FatalFailure(where() + ": topic " + topic + " does not exist (any more)", null));
      }
    }
  }

  private Duration pollTimeout() {
    if (!workers.completions().isEmpty()) {
      return Duration.ZERO;
    }
    if (workers.size() > 0) {
      return BUSY_POLL;
    }
    long next =
        ledgers.values().stream()
            .mapToLong(PartitionLedger::earliestStart)
            .min()
            .orElse(Long.MAX_VALUE);
    if (next == Long.MAX_VALUE) {
      return IDLE_POLL;
    }
    long wait = Math.max(0, next - clock.millis());
    return wait < IDLE_POLL.toMillis() ? Duration.ofMillis(wait) : IDLE_POLL;
  }

  /**
   * Stop taking work; finish in flight within the grace; interrupt the rest; commit what's done.
   */
  private void shutDown() {
    applyPauses();
    long graceEnd = clock.millis() + consumption.shutdownGrace().toMillis();
    awaitWork(task -> true, graceEnd, true);
    if (workers.size() > 0) {
      log.warn(
          "{}: {} records still in flight after the shutdown grace of {}; abandoning them",
          where(),
          workers.size(),
          consumption.shutdownGrace());
      workers.interruptAll();
      awaitWork(task -> true, clock.millis() + AFTER_INTERRUPT.toMillis(), true);
    }
    drainCompletions();
    commitSync(p -> true);
  }

  /**
   * Keeps the group membership and takes in results until no task matching {@code which} is left or
   * {@code untilMillis} passes; deadlines are enforced meanwhile.
   */
  private void awaitWork(Predicate<RecordTask> which, long untilMillis, boolean poll) {
    while (workers.anyMatch(which) && clock.millis() < untilMillis) {
      if (poll) {
        // Everything is paused here: a blocking poll would spin (see step()).
        accept(consumer.poll(Duration.ZERO));
        applyPauses();
        commit();
      }
      workers.awaitReport(BUSY_POLL);
      drainCompletions();
      workers.enforceDeadlines(clock.instant());
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      ledgers.putIfAbsent(partition, new PartitionLedger());
    }
    log.debug("{}: assigned {}", where(), partitions);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    // Finish (or give up on) this member's work on them before another member may start it.
    long until = clock.millis() + consumption.deadline().plus(AFTER_INTERRUPT).toMillis();
    awaitWork(task -> partitions.contains(task.partition()), until, false);
    drainCompletions();
    commitSync(partitions::contains);
    forget(partitions);
    log.debug("{}: revoked {}", where(), partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    forget(partitions);
    log.info(
        "{}: lost {}; their records will be worked on again by the group", where(), partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(
        p -> {
          ledgers.remove(p);
          paused.remove(p);
        });
  }

  private void report(FatalFailure failure) {
    stopping = true;
    log.error("{}", failure.reason(), failure.cause());
    try {
      fatalListener.accept(failure);
    } catch (RuntimeException e) {
      log.error("{}: the fatal listener failed: {}", where(), e.toString());
    }
  }

  private String where() {
    return "group " + consumption.group() + " on " + String.join(",", topics);
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Asks the loop to stop; returns at once. */
  void beginClose() {
    stopping = true;
  }

  /** Waits until the loop has shut down (not when called from the loop's own thread). */
  void awaitClosed() {
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    beginClose();
    awaitClosed();
  }

  /** Ends the loop with a fatal failure. */
  private static final class StopLoop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FatalFailure failure;

    StopLoop(FatalFailure failure) {
      super(failure.reason(), null, false, false);
      this.failure = failure;
    }
  }
}
