package dev.modmirror.testkit.memory;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.TransientException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link FeedLog} in memory: each batch's commit is atomic, as the Kafka one's transaction is. By
 * default a batch is durable when {@link #commit} returns; a {@link #pipelined()} log completes its
 * commits later, in order, on a thread of its own, as the Kafka log's pipeline does. Failures can
 * be queued for the next commits, reported through the commit's result; a failed commit stores
 * nothing of its batch, and after a failure no batch committed later is stored until {@link
 * #position} is read.
 */
public final class InMemoryFeedLog implements FeedLog {
  private final Map<String, FeedPosition> positions = new HashMap<>();
  private final List<VersionRequested> published = new ArrayList<>();
  private final Deque<ModmirrorException> failures = new ArrayDeque<>();
  private final Deque<ModmirrorException> landedFailures = new ArrayDeque<>();
  private final List<VersionRequested> open = new ArrayList<>();
  private final ExecutorService committer;
  private String openFeed;
  private FeedPosition openNext;
  private int appends;
  private boolean broken;

  /** A log whose commits are durable when they return. */
  public InMemoryFeedLog() {
    this(null);
  }

  private InMemoryFeedLog(ExecutorService committer) {
    this.committer = committer;
  }

  /** A log whose commits complete later, in order, on a daemon thread of its own. */
  public static InMemoryFeedLog pipelined() {
    return new InMemoryFeedLog(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "in-memory-feed-log");
              t.setDaemon(true);
              return t;
            }));
  }

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
  public Optional<FeedPosition> position(String feed) {
    if (committer != null) {
      // What was committed settles first, as the Kafka log's producers do at initTransactions.
      CompletableFuture.runAsync(() -> {}, committer).join();
    }
    synchronized (this) {
      broken = false;
      return Optional.ofNullable(positions.get(feed));
    }
  }

  private record Page(List<VersionRequested> requests) implements Prepared {}

  /** A committed batch, stored when it completes. */
  private record Batch(String feed, List<VersionRequested> requests, FeedPosition next) {}

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
  public synchronized CompletableFuture<Void> commit() {
    if (openFeed == null) {
      return CompletableFuture.completedFuture(null);
    }
    Batch batch = new Batch(openFeed, List.copyOf(open), openNext);
    open.clear();
    openFeed = null;
    openNext = null;
    if (committer != null) {
      return CompletableFuture.runAsync(() -> store(batch), committer);
    }
    try {
      store(batch);
      return CompletableFuture.completedFuture(null);
    } catch (ModmirrorException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private synchronized void store(Batch batch) {
    if (broken) {
      throw new TransientException("an earlier batch failed");
    }
    if (!failures.isEmpty()) {
      broken = true;
      throw failures.poll();
    }
    published.addAll(batch.requests());
    positions.put(batch.feed(), batch.next());
    appends++;
    if (!landedFailures.isEmpty()) {
      broken = true;
      throw landedFailures.poll();
    }
  }

  @Override
  public void close() {
    if (committer != null) {
      committer.shutdown();
    }
  }
}
