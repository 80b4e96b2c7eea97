package dev.modmirror.deploy.bench;

import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.index.FeedLog;
import dev.modmirror.core.index.FeedPosition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link FeedLog} that times what the follower's thread spends in {@link #add} (handing a page's
 * records to the producer) and {@link #commit} (waiting for them and for the transaction's end), so
 * the bench can say where a page's time goes; the rest of a step is waiting for the page read
 * ahead. Not thread-safe, as the log it wraps.
 */
final class TimedFeedLog implements FeedLog {
  private final FeedLog log;
  private long addNanos;
  private long commitNanos;
  private long prepareNanos;
  private int commits;
  private int pages;

  TimedFeedLog(FeedLog log) {
    this.log = log;
  }

  @Override
  public Optional<FeedPosition> position(String feed) {
    return log.position(feed);
  }

  @Override
  public Prepared prepare(List<VersionRequested> requests) {
    long t = System.nanoTime();
    Prepared p = log.prepare(requests);
    synchronized (this) {
      prepareNanos += System.nanoTime() - t;
    }
    return p;
  }

  @Override
  public void add(String feed, Prepared page, FeedPosition next) {
    long t = System.nanoTime();
    log.add(feed, page, next);
    addNanos += System.nanoTime() - t;
    pages++;
  }

  @Override
  public CompletableFuture<Void> commit() {
    long t = System.nanoTime();
    CompletableFuture<Void> done = log.commit();
    commitNanos += System.nanoTime() - t;
    commits++;
    return done;
  }

  /** Resets the counters (after the warm-up). */
  synchronized void reset() {
    addNanos = commitNanos = prepareNanos = 0;
    commits = pages = 0;
  }

  /** Where a step's time went, per page, given the follower's total time in its steps. */
  synchronized String report(long stepNanos) {
    double p = Math.max(1, pages);
    return String.format(
        Locale.ROOT,
        "%d pages, %d commits; per page: step %.2f ms = add (send) %.2f + commit %.2f + waiting for"
            + " the page read ahead %.2f; prepare (read-ahead thread) %.2f ms",
        pages,
        commits,
        stepNanos / p / 1e6,
        addNanos / p / 1e6,
        commitNanos / p / 1e6,
        (stepNanos - addNanos - commitNanos) / p / 1e6,
        prepareNanos / p / 1e6);
  }

  @Override
  public void close() {
    log.close();
  }
}
