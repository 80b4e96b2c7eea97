package dev.modmirror.core.webhook;

import dev.modmirror.core.error.TransientException;
import java.util.function.Consumer;

/**
 * The queue between a branch push's webhook, answered at once, and the fetch of its go.mod files,
 * done later. The durable implementation (a Kafka topic) keeps a queued fetch across a crash and
 * hands it to whichever replica reads it, at least once; the in-memory one loses what waits when
 * the process stops.
 */
public interface BranchFetches extends AutoCloseable {

  /**
   * Queues {@code fetch}; returns once it is stored as this queue stores things.
   *
   * @return false if the queue refuses it for now (full): the sender should retry later
   * @throws TransientException if it could not be stored now
   */
  boolean queue(BranchFetch fetch);

  /**
   * Hands every queued fetch to {@code worker}, one at a time, on a thread of the queue's own. When
   * {@code worker} throws {@link TransientException} the fetch is handed over again later; anything
   * else it throws is logged and the fetch counts as done.
   */
  void start(Consumer<BranchFetch> worker);

  /** Stops handing fetches over; what is queued stays queued where the queue is durable. */
  @Override
  void close();
}
