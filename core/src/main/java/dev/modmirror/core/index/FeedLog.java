package dev.modmirror.core.index;

import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.VersionRequested;
import java.util.List;
import java.util.Optional;

/**
 * Where a follower publishes a page's requests and its new position, atomically: a reader sees both
 * or neither, so a follower that crashes resumes exactly where its published requests end (no gap,
 * no re-flood). One follower per feed name writes at a time; a second one fences the first.
 */
public interface FeedLog extends AutoCloseable {

  /**
   * The last position stored for {@code feed}.
   *
   * @return empty if this feed was never followed
   * @throws TransientException if the log cannot be read now
   */
  Optional<FeedPosition> position(String feed);

  /**
   * Turns a page's requests into what {@link #append} publishes (records, their trace context).
   * Thread-safe and free of I/O, so a follower prepares the next page while the current one is
   * appended. A prepared page may be appended once, or dropped.
   */
  Prepared prepare(List<VersionRequested> requests);

  /**
   * Publishes a prepared page's requests (possibly none) and stores {@code next} as one atomic
   * step. Returns once both are durable. On failure neither is visible and the call may be repeated
   * with the same page.
   *
   * @throws TransientException if the step did not complete; repeat it
   * @throws PermanentException if this follower was fenced by another one, or is not authorized:
   *     following must stop
   */
  void append(String feed, Prepared page, FeedPosition next);

  /** As {@link #append(String, Prepared, FeedPosition)}, preparing here. */
  default void append(String feed, List<VersionRequested> requests, FeedPosition next) {
    append(feed, prepare(requests), next);
  }

  /** A page ready to append; what it holds is the log's business. */
  interface Prepared {
    /** The requests it publishes, in order. */
    List<VersionRequested> requests();
  }

  /** Releases the log's connections. Does not throw. */
  @Override
  void close();
}
