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
   * Publishes {@code requests} (possibly none) and stores {@code next} as one atomic step. Returns
   * once both are durable. On failure neither is visible and the call may be repeated.
   *
   * @throws TransientException if the step did not complete; repeat it
   * @throws PermanentException if this follower was fenced by another one, or is not authorized:
   *     following must stop
   */
  void append(String feed, List<VersionRequested> requests, FeedPosition next);

  /** Releases the log's connections. Does not throw. */
  @Override
  void close();
}
