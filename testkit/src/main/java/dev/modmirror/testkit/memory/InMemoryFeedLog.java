package dev.modmirror.testkit.memory;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.index.FeedLog;
import dev.modmirror.core.index.FeedPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link FeedLog} in memory: each append is atomic, as the Kafka one's transaction is. Failures
 * can be queued for the next appends; a failed append stores nothing.
 */
public final class InMemoryFeedLog implements FeedLog {
  private final Map<String, FeedPosition> positions = new HashMap<>();
  private final List<VersionRequested> published = new ArrayList<>();
  private final Deque<ModmirrorException> failures = new ArrayDeque<>();
  private int appends;

  /** The next append throws {@code failure} and stores nothing. */
  public synchronized InMemoryFeedLog failNext(ModmirrorException failure) {
    failures.add(failure);
    return this;
  }

  /** Every request published so far, in order. */
  public synchronized List<VersionRequested> published() {
    return List.copyOf(published);
  }

  /** Successful appends so far (one per page that moved the position). */
  public synchronized int appends() {
    return appends;
  }

  @Override
  public synchronized Optional<FeedPosition> position(String feed) {
    return Optional.ofNullable(positions.get(feed));
  }

  private record Page(List<VersionRequested> requests) implements Prepared {}

  @Override
  public Prepared prepare(List<VersionRequested> requests) {
    return new Page(List.copyOf(requests));
  }

  @Override
  public synchronized void append(String feed, Prepared page, FeedPosition next) {
    if (!failures.isEmpty()) {
      throw failures.poll();
    }
    published.addAll(page.requests());
    positions.put(feed, next);
    appends++;
  }

  @Override
  public void close() {}
}
