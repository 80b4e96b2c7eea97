package dev.modmirror.adapters.kafka;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One record being worked on: which worker thread has it, and its deadline. The poll thread
 * interrupts the worker once the deadline has passed; the worker reports back through a {@link
 * Completion}.
 */
final class RecordTask {
  /** How a worker left a record. */
  enum Result {
    /** Handled, retried on a retry topic, or dead-lettered: acknowledge it. */
    DONE,
    /** Not finished for now (a publish failed): work on it again after a pause. */
    AGAIN
  }

  /**
   * A worker's report.
   *
   * @param fatal what stops the subscription (a JVM error, a Kafka failure no retry cures), or null
   */
  record Completion(RecordTask task, Result result, Throwable fatal) {}

  /** Thrown on a worker thread to stop the subscription: {@link KafkaFailures#fatal}. */
  static final class Fatal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fatal(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  private final PartitionLedger.Waiting waiting;
  private final TopicPartition partition;
  private final int attempt;
  private final Instant deadline;
  private Thread worker;
  private boolean interrupted;

  RecordTask(PartitionLedger.Waiting waiting, int attempt, Instant deadline) {
    this.waiting = waiting;
    ConsumerRecord<String, byte[]> record = waiting.record();
    this.partition = new TopicPartition(record.topic(), record.partition());
    this.attempt = attempt;
    this.deadline = deadline;
  }

  PartitionLedger.Waiting waiting() {
    return waiting;
  }

  ConsumerRecord<String, byte[]> record() {
    return waiting.record();
  }

  TopicPartition partition() {
    return partition;
  }

  int attempt() {
    return attempt;
  }

  Instant deadline() {
    return deadline;
  }

  /** The record key, or null for a record without one (never serialized against another). */
  String key() {
    return waiting.record().key();
  }

  /** Called by the worker thread as it starts and ends the record. */
  synchronized void runningOn(Thread thread) {
    worker = thread;
  }

  /**
   * Interrupts the worker once, if it is still running; returns whether this call did it. Blocking
   * calls in the worker (HTTP, S3, Kafka acknowledgements) then fail and the worker winds up.
   */
  synchronized boolean interrupt() {
    if (worker == null || interrupted) {
      return false;
    }
    interrupted = true;
    worker.interrupt();
    return true;
  }

  synchronized boolean wasInterrupted() {
    return interrupted;
  }

  String where() {
    return DeadLetters.where(waiting.record());
  }
}
