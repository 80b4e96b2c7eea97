package dev.modmirror.core.index;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.VersionRequested;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where a follower publishes pages of requests and its new position, atomically: a reader sees a
 * batch's requests and its position both or neither, so a follower that crashes resumes exactly
 * where its published requests end (no gap, no re-flood). A batch is one page ({@link #append}) or
 * several ({@link #add} each, then {@link #commit}). A log may pipeline batches: {@link #commit}
 * then returns before the batch is durable, so the next batch travels while the previous one's
 * commit completes; batches still become visible in the order they were committed, a batch only if
 * every batch before it did, so what a reader sees always ends at one committed position. One
 * follower per feed name writes at a time; a second one fences the first.
 */
public interface FeedLog extends AutoCloseable {

  /**
   * The last position stored for {@code feed}: the last visible batch's. It first waits for every
   * batch committed so far to settle, and after a failed {@link #commit} settles whether that batch
   * became visible. A stored record that is not a position (not written by a follower) is skipped
   * and logged: the last readable one stands, so an unreadable record can neither stall the feed
   * nor move it.
   *
   * @return empty if this feed was never followed, or none of its records is readable (the follower
   *     then starts as on a first start)
   * @throws TransientException if the log cannot be read now
   */
  Optional<FeedPosition> position(String feed);

  /**
   * Turns a page's requests into what {@link #add} publishes (records, their trace context).
   * Thread-safe and free of I/O, so a follower prepares the next page while the current one is
   * added. A prepared page may be added once, or dropped.
   */
  Prepared prepare(List<VersionRequested> requests);

  /**
   * Adds a prepared page's requests (possibly none) to the open batch, opening one if none is open,
   * with {@code next}, the position after the page. Nothing of the batch is visible before {@link
   * #commit}; the position committed is the last page's. Opening a batch may wait while the log's
   * pipeline is full.
   *
   * @throws TransientException if the page could not be added, or a batch committed earlier failed;
   *     the whole open batch is dropped (none of it will be visible), so read {@link #position}
   *     again before going on
   * @throws PermanentException if this follower was fenced by another one, or is not authorized:
   *     following must stop
   */
  void add(String feed, Prepared page, FeedPosition next);

  /**
   * Makes the open batch visible as one atomic step: every request added since the last commit, and
   * the position of the last page added. Does nothing if no batch is open (the result is then
   * complete). Returns once the batch is on its way, possibly before it is durable: the result
   * completes when it is, after every batch committed before it.
   *
   * @return completes normally once the batch's requests and position are durable; completes
   *     exceptionally with a {@link TransientException} if the step may not have completed (the
   *     batch is then wholly visible or not at all, and no batch committed after it becomes
   *     visible: {@link #position}, called next, settles how far the log got, waiting for whatever
   *     it left pending) or a {@link PermanentException} as {@link #add}
   * @throws TransientException if the batch could not be sent; as the exceptional result
   * @throws PermanentException as {@link #add}
   */
  CompletableFuture<Void> commit();

  /**
   * One page as its own batch: {@link #add} then {@link #commit}, waiting until it is durable.
   *
   * @throws TransientException as {@link #commit}'s result; repeating the same page is safe only
   *     after {@link #position} says it is not visible
   * @throws PermanentException as {@link #add}
   */
  default void append(String feed, Prepared page, FeedPosition next) {
    add(feed, page, next);
    try {
      commit().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** As {@link #append(String, Prepared, FeedPosition)}, preparing here. */
  default void append(String feed, List<VersionRequested> requests, FeedPosition next) {
    append(feed, prepare(requests), next);
  }

  /** A page ready to add; what it holds is the log's business. */
  interface Prepared {
    /** The requests it publishes, in order. */
    List<VersionRequested> requests();
  }

  /** Releases the log's connections. Does not throw. */
  @Override
  void close();
}
