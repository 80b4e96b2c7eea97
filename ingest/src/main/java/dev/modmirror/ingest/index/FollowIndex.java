package dev.modmirror.ingest.index;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.VersionRequested;
import dev.modmirror.core.index.FeedLog;
import dev.modmirror.core.index.FeedPosition;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.core.index.IndexFeed;
import dev.modmirror.core.index.IndexLine;
import dev.modmirror.core.module.PrefixPatterns;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the index feed: reads a page from the stored position, publishes a request for every line
 * that is new (not a repeat of the page boundary), valid and wanted by the filters, and stores the
 * new position in the same atomic step as those requests. Full pages follow each other at once,
 * each committed with its position ({@link FeedLog#add}, {@link FeedLog#commit}) unless {@link
 * IndexSettings#batchRecords()} lets several share one step while the feed is behind (bounded also
 * by {@link IndexSettings#batchTime()}); a page that is not full (caught up), a failed read and a
 * stop commit what is open and wait until everything committed is durable. While behind, the next
 * pages are fetched, decided and prepared ahead on three threads of their own (each page fetched as
 * soon as the one before has arrived, from its last line's timestamp, and fetched again if the
 * position after the page before turns out to be elsewhere), and the log may pipeline commits:
 * {@link #position()} is the last position known durable, and after a failed commit the follower
 * goes on from the position stored in the log (a failed step may have landed or not: the log
 * settles which, and makes no later step visible), so no page is lost and none published twice.
 * Once caught up it polls every {@code interval}; after an error it backs off exponentially with
 * jitter. Lines that are not JSON, lack a field or name an invalid path or version are counted,
 * logged with their line number and skipped: the page still moves the position. A {@link
 * PermanentException} from the log (another follower fenced this one, or no authorization) stops
 * following.
 */
public final class FollowIndex implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(FollowIndex.class);
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("modmirror.reason");
  // Pages read and prepared ahead while the feed is behind. Two left the fetcher idle, waiting for
  // the follower to take a page (bench ingest: 8.3-8.9 ms a page with four, 10.7 with two; eight
  // were slower again: more threads competing for the two cores).
  private static final int READ_AHEAD = 4;

  /** Where the follower stands, for readiness. */
  public enum State {
    STARTING,
    FOLLOWING,
    BACKING_OFF,
    STOPPED,
    FAILED
  }

  private final IndexFeed feed;
  private final FeedLog log;
  private final IndexSettings settings;
  private final Clock clock;
  private final Backoff backoff;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final String include;
  private final String exclude;
  private final LongCounter published;
  private final LongCounter skipped;
  private final LongCounter errors;
  private final AtomicLong lastEntryMillis = new AtomicLong(-1);
  private final ExecutorService fetcher = daemon("index-fetch");
  private final ExecutorService reader = daemon("index-read-ahead");
  private final ExecutorService preparer = daemon("index-prepare");
  // Pages read (and then prepared) ahead, in feed order; each may be null (the page before it was
  // not full: nothing more to read ahead).
  private final Deque<CompletableFuture<Work>> ahead = new ArrayDeque<>();
  // The last page fetched ahead: the next fetch starts at its last line.
  private CompletableFuture<Fetched> fetchTail;
  // The last page read ahead: the next read starts where it ends.
  private CompletableFuture<Read> readTail;
  private volatile State state = State.STARTING;
  // Where the next page is read from (the open batch's end); null: read it from the log.
  private FeedPosition position;
  // The position of the last batch known durable.
  private FeedPosition committed;
  // Batches committed but maybe not durable yet (the log pipelines them), oldest first.
  private final Deque<Shipped> shipped = new ArrayDeque<>();
  // The open batch: pages added but not committed, their requests, when its first page was added.
  private int openPages;
  private int openRequests;
  private long openedNanos;

  public FollowIndex(
      IndexFeed feed, FeedLog log, IndexSettings settings, OpenTelemetry telemetry, Clock clock) {
    this.feed = feed;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
    this.backoff =
        new Backoff(
            settings.backoff(),
            settings.maxBackoff(),
            () -> ThreadLocalRandom.current().nextDouble());
    this.include = String.join(",", settings.include());
    this.exclude = String.join(",", settings.exclude());
    Meter meter = telemetry.getMeter(Telemetry.SCOPE);
    this.published =
        meter
            .counterBuilder("modmirror.ingest.requests")
            .setDescription("Requests published, by source")
            .build();
    this.skipped =
        meter
            .counterBuilder("modmirror.ingest.index.skipped")
            .setDescription("Index lines not requested, by reason (invalid, filtered, repeat)")
            .build();
    this.errors =
        meter
            .counterBuilder("modmirror.ingest.index.errors")
            .setDescription("Failed index polls, by error kind")
            .build();
    meter
        .gaugeBuilder("modmirror.ingest.index.lag")
        .setDescription("Now minus the timestamp of the newest index entry read")
        .setUnit("s")
        .buildWithCallback(
            m -> {
              long last = lastEntryMillis.get();
              if (last >= 0) {
                m.record((clock.millis() - last) / 1000.0);
              }
            });
  }

  public State state() {
    return state;
  }

  /** The position after the last page published (committed); null before the first read. */
  public synchronized FeedPosition position() {
    return committed;
  }

  /** Follows until {@link #stop()} or a permanent failure of the log. */
  @Override
  public void run() {
    while (stop.getCount() > 0) {
      Duration pause;
      try {
        pause = step() ? Duration.ZERO : settings.interval();
        backoff.reset();
        state = State.FOLLOWING;
      } catch (FeedFailure e) {
        pause = failed(e.cause);
      } catch (PermanentException e) {
        state = State.FAILED;
        LOG.error("index follower {} stops: {}", settings.name(), e.getMessage());
        return;
      } catch (ModmirrorException e) {
        pause = failed(e);
      } catch (RuntimeException e) {
        pause = failed(e);
      }
      if (!pause.isZero() && await(pause)) {
        break;
      }
    }
    try {
      // Asked to stop between two full pages: what is open still becomes visible.
      commitOpen(true);
    } catch (ModmirrorException e) {
      LOG.warn("index {}: the last batch was not published: {}", settings.name(), e.getMessage());
    }
    state = State.STOPPED;
  }

  private Duration failed(RuntimeException e) {
    state = State.BACKING_OFF;
    String kind = e instanceof ModmirrorException m ? m.kind() : "unexpected";
    errors.add(1, Attributes.of(Telemetry.ERROR_KIND, kind));
    Duration pause = backoff.next();
    LOG.warn("index {}: {}; retrying in {} ms", feed.describe(), e.getMessage(), pause.toMillis());
    return pause;
  }

  /** Asks the loop to end after the current page and waits for nothing. */
  public void stop() {
    stop.countDown();
    fetcher.shutdown();
    reader.shutdown();
    preparer.shutdown();
  }

  private boolean await(Duration pause) {
    try {
      return stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /**
   * Reads one page and adds it to the open batch, committing the batch if the page was not full,
   * the batch reached its bounds or a stop was asked.
   *
   * @return true if the page was full: the next one should be read at once
   */
  public synchronized boolean step() {
    if (position == null) {
      committed =
          log.position(settings.name())
              .orElseGet(() -> FeedPosition.startingAt(settings.start().orElse(clock.instant())));
      position = committed;
      LOG.info("index {} from {}", feed.describe(), FeedTime.format(position.since()));
    }
    Work work;
    try {
      work = work(position);
    } catch (FeedFailure e) {
      // Publish what was read before backing off: the batch must not wait out the backoff.
      commitOpen(true);
      throw e;
    }
    if (work.full()) {
      readAhead(work);
    }
    if (!work.page().requests().isEmpty() || !work.next().equals(position)) {
      try {
        log.add(settings.name(), work.page(), work.next());
      } catch (RuntimeException e) {
        forget();
        throw e;
      }
      if (openPages++ == 0) {
        openedNanos = System.nanoTime();
      }
      openRequests += work.page().requests().size();
    }
    position = work.next();
    if (!work.full() || stop.getCount() == 0) {
      // Caught up (or stopping): wait until everything read is durable, so the position is.
      commitOpen(true);
    } else if (settings.batchRecords() <= settings.pageSize()
        || openRequests >= settings.batchRecords()
        || System.nanoTime() - openedNanos >= settings.batchTime().toNanos()) {
      commitOpen(false);
    } else {
      settle(false);
    }
    return work.full();
  }

  /**
   * Commits the open batch, if any, and takes note of the batches that became durable; after a
   * failure, goes on from the position in the log.
   *
   * @param wait wait until every batch committed is durable
   */
  private synchronized void commitOpen(boolean wait) {
    if (openPages > 0) {
      CompletableFuture<Void> done;
      try {
        done = log.commit();
      } catch (RuntimeException e) {
        forget();
        throw e;
      }
      shipped.add(new Shipped(done, position, openRequests));
      openPages = 0;
      openRequests = 0;
    }
    settle(wait);
  }

  /**
   * Takes note of the committed batches that are durable, oldest first; with {@code wait}, waits
   * for all of them. A failed one drops the rest (the log makes none after it visible).
   */
  private void settle(boolean wait) {
    while (!shipped.isEmpty() && (wait || shipped.peek().done().isDone())) {
      Shipped batch = shipped.peek();
      try {
        batch.done().join();
      } catch (CompletionException e) {
        forget();
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
      shipped.poll();
      published.add(batch.requests(), Attributes.of(Telemetry.SOURCE, RequestSource.INDEX.name()));
      committed = batch.position();
    }
  }

  /** A committed batch: when it is durable, the position after it, the requests it holds. */
  private record Shipped(CompletableFuture<Void> done, FeedPosition position, int requests) {}

  /**
   * Drops the open batch and those not known durable (the log has dropped them too, or will settle
   * them): the next step reads the position from the log, which says how far it got.
   */
  private void forget() {
    position = null;
    openPages = 0;
    openRequests = 0;
    shipped.clear();
  }

  /**
   * One page as the feed answered it.
   *
   * @param since where it was fetched from
   * @param then where the page after it is fetched from before this one is parsed: its last line's
   *     timestamp if it is full (the feed is in timestamp order, so that is where the position
   *     after it will be); null if it is not full or its last line has no readable timestamp
   */
  private record Fetched(Instant since, List<String> lines, Instant then) {}

  /**
   * One page, read and decided: its requests, and the position after it.
   *
   * @param from the position the page was read from
   * @param refetched the page fetched ahead for it started elsewhere (or none was): the pages
   *     fetched ahead after it are not to be trusted
   */
  private record Read(
      FeedPosition from,
      List<VersionRequested> requests,
      FeedPosition next,
      boolean full,
      boolean refetched) {}

  /** One page, read, decided and prepared for the log. */
  private record Work(
      FeedPosition from,
      FeedLog.Prepared page,
      FeedPosition next,
      boolean full,
      boolean refetched) {}

  /**
   * Keeps {@value #READ_AHEAD} pages read and prepared ahead of the one being published, each read
   * where the one before ends, whether or not the publish succeeds (if it fails, the pages ahead
   * are dropped unless they start where the log says). Three threads: one fetches each page as soon
   * as the one before has arrived, from that page's last timestamp; one parses and decides a page
   * once it has arrived and the one before is decided, and fetches it again if the position after
   * the page before is not where it was fetched from (a full page at one instant, a feed out of
   * order, a last line without a timestamp); one prepares the records. So parsing a page overlaps
   * fetching the next, and preparing one overlaps both.
   */
  private void readAhead(Work taken) {
    if (readTail == null) {
      readTail =
          CompletableFuture.completedFuture(
              new Read(taken.from(), List.of(), taken.next(), taken.full(), false));
      fetchTail =
          CompletableFuture.completedFuture(
              new Fetched(
                  taken.from().since(), List.of(), taken.full() ? taken.next().since() : null));
    }
    while (ahead.size() < READ_AHEAD) {
      CompletableFuture<Fetched> fetched =
          fetchTail.thenApplyAsync(
              before -> before == null || before.then() == null ? null : fetch(before.then()),
              fetcher);
      CompletableFuture<Read> read =
          readTail.thenCombineAsync(
              fetched,
              (before, page) -> before != null && before.full() ? read(before.next(), page) : null,
              reader);
      ahead.add(read.thenApplyAsync(r -> r == null ? null : prepare(r), preparer));
      fetchTail = fetched;
      readTail = read;
    }
  }

  /** The work for the page at {@code from}: the one read ahead if it fits, else read now. */
  private Work work(FeedPosition from) {
    CompletableFuture<Work> next = ahead.poll();
    if (next != null) {
      try {
        Work work = next.join();
        if (work != null && work.from().equals(from)) {
          if (work.refetched()) {
            // The pages fetched after it followed the page fetched in vain: start again from it.
            dropAhead();
          }
          return work;
        }
      } catch (CompletionException e) {
        dropAhead();
        if (e.getCause() instanceof FeedFailure failure) {
          throw failure;
        }
        throw e;
      }
    }
    dropAhead();
    return prepare(read(from, null));
  }

  private void dropAhead() {
    ahead.clear();
    readTail = null;
    fetchTail = null;
  }

  private Work prepare(Read read) {
    return new Work(
        read.from(), log.prepare(read.requests()), read.next(), read.full(), read.refetched());
  }

  private Fetched fetch(Instant since) {
    List<String> lines;
    try {
      lines = feed.page(since, settings.pageSize());
    } catch (RuntimeException e) {
      // Whatever the feed answers, it is retried: only the log can stop the follower.
      throw new FeedFailure(e);
    }
    Instant then = null;
    if (lines.size() >= settings.pageSize()) {
      then = IndexLine.parse(lines.get(lines.size() - 1)).timestamp().orElse(null);
    }
    return new Fetched(since, lines, then);
  }

  /**
   * Decides the page at {@code from}: the one fetched ahead if it was fetched from there, else one
   * fetched now.
   */
  private Read read(FeedPosition from, Fetched ahead) {
    boolean refetched = ahead == null || !ahead.since().equals(from.since());
    List<String> lines = refetched ? fetch(from.since()).lines() : ahead.lines();
    boolean full = lines.size() >= settings.pageSize();
    List<IndexLine> read = new ArrayList<>(lines.size());
    List<VersionRequested> requests = new ArrayList<>(lines.size());
    Instant now = clock.instant();
    for (int i = 0; i < lines.size(); i++) {
      IndexLine line = IndexLine.parse(lines.get(i));
      read.add(line);
      if (from.alreadySeen(line)) {
        skip("repeat");
      } else if (line instanceof IndexLine.Invalid bad) {
        skip("invalid");
        LOG.warn(
            "index page since {} line {}: skipped: {}",
            FeedTime.format(from.since()),
            i + 1,
            bad.problem());
      } else if (line instanceof IndexLine.Valid ok) {
        String path = ok.entry().ref().path().value();
        if (!include.isEmpty() && !PrefixPatterns.matches(include, path)
            || !exclude.isEmpty() && PrefixPatterns.matches(exclude, path)) {
          skip("filtered");
        } else {
          requests.add(
              VersionRequested.of(
                  ok.entry().ref(),
                  RequestSource.INDEX,
                  "index:" + FeedTime.format(ok.entry().timestamp()),
                  now));
        }
        lastEntryMillis.set(ok.entry().timestamp().toEpochMilli());
      }
    }
    FeedPosition next = from.after(read, full);
    if (from.stalled(next)) {
      LOG.warn(
          "index: a full page held only entries at {}; skipping one nanosecond past it",
          FeedTime.format(from.since()));
    }
    return new Read(from, requests, next, full, refetched);
  }

  /** A failed page read, told apart from a failure of the log. */
  private static final class FeedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RuntimeException cause;

    FeedFailure(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  private static ExecutorService daemon(String name) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  private void skip(String reason) {
    skipped.add(1, Attributes.of(REASON, reason));
  }
}
