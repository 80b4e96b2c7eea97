package dev.modmirror.adapters.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;

/**
 * What to do when a stream thread dies. A transaction the broker aborted or fenced (a broker killed
 * or restarted mid-commit: {@code InvalidTxnStateException}, a fenced or stale producer epoch), a
 * retriable error that outlived its retries, or a corrupted or migrated task is the cluster's
 * weather, not a bug: the thread is replaced and, under {@code exactly_once_v2}, resumes from the
 * last committed transaction, so nothing is lost or published twice. Anything else, or more than
 * {@code limit} replacements within {@code window} (a fault that repeats at once is no weather),
 * shuts the application down so the service exits with the reason instead of running without its
 * dedupe stage. Chaos run 1796042259631 found the broker-kill case: the whole ingest process used
 * to exit on it.
 */
final class StreamThreadFailures {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> replaced = new ArrayDeque<>();

  StreamThreadFailures(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  synchronized StreamThreadExceptionResponse decide(Throwable failure) {
    if (!clusterWeather(failure)) {
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    Instant now = clock.instant();
    while (!replaced.isEmpty() && !replaced.peekFirst().isAfter(now.minus(window))) {
      replaced.removeFirst();
    }
    if (replaced.size() >= limit) {
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    replaced.addLast(now);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** True if {@code failure} or one of its causes is an error of the cluster's, not ours. */
  static boolean clusterWeather(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InvalidTxnStateException
          || t instanceof ProducerFencedException
          || t instanceof InvalidProducerEpochException
          || t instanceof RetriableException
          || t instanceof TaskCorruptedException
          || t instanceof TaskMigratedException) {
        return true;
      }
    }
    return false;
  }
}
