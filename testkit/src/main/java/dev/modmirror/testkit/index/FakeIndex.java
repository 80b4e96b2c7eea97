package dev.modmirror.testkit.index;

import dev.modmirror.testkit.http.LoggedRequest;
import dev.modmirror.testkit.http.LoopbackServer;
import dev.modmirror.testkit.http.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake index.golang.org on a loopback port: {@code GET /index?since=<RFC3339Nano>&limit=<n>}
 * returns newline-delimited JSON {@code {"Path","Version","Timestamp"}} of the entries at or after
 * {@code since} (inclusive), in timestamp order (entries with equal timestamps in the order they
 * were added), at most {@code limit} of them (default and maximum {@value #MAX_LIMIT}).
 */
public final class FakeIndex implements AutoCloseable {
  /** The default and maximum page size, as on index.golang.org. */
  public static final int MAX_LIMIT = 2000;

  /** One served line, at its timestamp (insertion order kept among equal timestamps). */
  private record Line(Instant timestamp, String text, IndexEntry entry) {}

  private static final Reply NONE = Reply.text(200, "no fault");
  private static final Reply TRUNCATE = Reply.text(200, "truncate");

  private final List<Line> lines = new ArrayList<>();
  private final Deque<Reply> faults = new ArrayDeque<>();
  private volatile long delayMillis;
  private final java.util.concurrent.atomic.AtomicLong served =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile long holdAt = Long.MAX_VALUE;
  private final java.util.concurrent.CountDownLatch gate =
      new java.util.concurrent.CountDownLatch(1);
  private final LoopbackServer server;

  private FakeIndex() {
    this.server = LoopbackServer.start("fake-index", this::handle);
  }

  /** Starts an empty index on a free loopback port. */
  public static FakeIndex start() {
    return new FakeIndex();
  }

  /** Adds entries; they may come in any order. */
  public synchronized FakeIndex add(IndexEntry... more) {
    for (IndexEntry e : more) {
      lines.add(new Line(e.timestamp(), e.toJson(), e));
    }
    sort();
    return this;
  }

  /** Adds entries already in timestamp order after every entry present: no re-sort. */
  public synchronized FakeIndex append(List<IndexEntry> more) {
    for (IndexEntry e : more) {
      if (!lines.isEmpty() && e.timestamp().isBefore(lines.get(lines.size() - 1).timestamp())) {
        throw new IllegalArgumentException("append out of order: " + e);
      }
      lines.add(new Line(e.timestamp(), e.toJson(), e));
    }
    return this;
  }

  /**
   * Adds a raw line, served as written at {@code at} among the entries: a bad line a follower must
   * count, log and skip.
   */
  public synchronized FakeIndex addRaw(Instant at, String text) {
    lines.add(new Line(at, text, null));
    sort();
    return this;
  }

  /** The next {@code times} requests are answered with {@code status} and no lines. */
  public synchronized FakeIndex failNext(int status, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(Reply.text(status, "fault injected\n"));
    }
    return this;
  }

  /**
   * The next request is answered 200 with only half of its page's body, then the connection drops.
   */
  public synchronized FakeIndex truncateNext() {
    faults.add(TRUNCATE);
    return this;
  }

  /** Every later page is answered only after {@code delay}: a slow index, to observe a replay. */
  public FakeIndex delayEach(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
    return this;
  }

  /**
   * The {@code n}-th request from now on (1: the next) and every one after it wait until {@link
   * #release()}: a replay that stops at a known page however fast the follower reads, to kill it
   * there.
   */
  public FakeIndex holdFrom(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("hold from the first request at the earliest");
    }
    holdAt = served.get() + n;
    return this;
  }

  /** Lets the requests held by {@link #holdFrom} through, and every later one. */
  public FakeIndex release() {
    gate.countDown();
    return this;
  }

  /** The base URL: the feed is at {@code baseUrl() + "/index"}. */
  public URI baseUrl() {
    return server.baseUrl();
  }

  /** Requests answered so far, in order (path with query). */
  public List<LoggedRequest> requests() {
    return server.requests();
  }

  /** Every valid entry, in feed order. */
  public synchronized List<IndexEntry> entries() {
    return lines.stream().filter(l -> l.entry() != null).map(Line::entry).toList();
  }

  @Override
  public void close() {
    gate.countDown();
    server.close();
  }

  /** The entries of the page for these parameters, as it would be served (raw lines left out). */
  public synchronized List<IndexEntry> page(Instant since, int limit) {
    return pageLines(since, limit).stream()
        .filter(l -> l.entry() != null)
        .map(Line::entry)
        .toList();
  }

  private void sort() {
    // A stable sort keeps insertion order among equal timestamps, as page-boundary tests need.
    lines.sort(Comparator.comparing(Line::timestamp));
  }

  private synchronized List<Line> pageLines(Instant since, int limit) {
    int lo = 0;
    int hi = lines.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (lines.get(mid).timestamp().isBefore(since)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int n = Math.min(Math.max(limit, 0), MAX_LIMIT);
    return List.copyOf(lines.subList(lo, Math.min(lines.size(), lo + n)));
  }

  private synchronized Reply fault() {
    return faults.isEmpty() ? NONE : faults.poll();
  }

  private Reply handle(String method, URI target) throws InterruptedException {
    if (served.incrementAndGet() >= holdAt) {
      gate.await();
    }
    if (delayMillis > 0) {
      Thread.sleep(delayMillis);
    }
    if (!method.equals("GET") || !"/index".equals(target.getRawPath())) {
      return Reply.text(404, "not found\n");
    }
    Reply fault = fault();
    if (fault != NONE && fault != TRUNCATE) {
      return fault;
    }
    Map<String, String> query = query(target.getRawQuery());
    Instant since;
    int limit;
    try {
      since = query.containsKey("since") ? Rfc3339.parse(query.get("since")) : Instant.EPOCH;
      limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : MAX_LIMIT;
    } catch (IllegalArgumentException e) {
      return Reply.text(400, e.getMessage() + "\n");
    }
    StringBuilder body = new StringBuilder();
    for (Line line : pageLines(since, limit)) {
      body.append(line.text()).append('\n');
    }
    Reply reply =
        Reply.of(
            200, "text/plain; charset=utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
    return fault == TRUNCATE ? reply.truncated() : reply;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }
}
