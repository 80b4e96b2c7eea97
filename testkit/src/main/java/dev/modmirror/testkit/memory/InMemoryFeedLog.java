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
 * A {@link FeedLog} in memory: each batch's commit is atomic, as the Kafka one's transaction is.
 * Failures can be queued for the next commits; a failed commit stores nothing of its batch.
 */
public final class InMemoryFeedLog implements FeedLog {
  private final Map<String, FeedPosition> positions = new HashMap<>();
  private final List<VersionRequested> published = new ArrayList<>();
  private final Deque<ModmirrorException> failures = new ArrayDeque<>();
  private final Deque<ModmirrorException> landedFailures = new ArrayDeque<>();
  private final List<VersionRequested> open = new ArrayList<>();
  private String openFeed;
  private FeedPosition openNext;
  private int appends;

  /** The next commit throws {@code failure} and stores nothing of its batch. */
  public synchronized InMemoryFeedLog failNext(ModmirrorException failure) {
    failures.add(failure);
    return this;
  }

  /**
   * The next commit stores its batch and then throws {@code failure}, as a Kafka commit that
   * completes on the broker after the client gave up waiting: the follower must not publish it
   * again.
   */
  public synchronized InMemoryFeedLog landNextButFail(ModmirrorException failure) {
    landedFailures.add(failure);
    return this;
  }

  /** Every request published so far, in order. */
  public synchronized List<VersionRequested> published() {
    return List.copyOf(published);
  }

  /** Successful commits so far (one per batch of pages that moved the position). */
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
  public synchronized void add(String feed, Prepared page, FeedPosition next) {
    if (openFeed != null && !openFeed.equals(feed)) {
      throw new IllegalStateException("one batch holds pages of one feed");
    }
    open.addAll(page.requests());
    openFeed = feed;
    openNext = next;
  }

  @Override
  public synchronized void commit() {
    if (openFeed == null) {
      return;
    }
    try {
      if (!failures.isEmpty()) {
        throw failures.poll();
      }
      published.addAll(open);
      positions.put(openFeed, openNext);
      appends++;
      if (!landedFailures.isEmpty()) {
        throw landedFailures.poll();
      }
    } finally {
      open.clear();
      openFeed = null;
      openNext = null;
    }
  }

  @Override
  public void close() {}
}
