package dev.modmirror.testkit.index;

import dev.modmirror.testkit.http.LoggedRequest;
import dev.modmirror.testkit.http.LoopbackServer;
import dev.modmirror.testkit.http.Reply;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fake index.golang.org on a loopback port: {@code GET /index?since=<RFC3339Nano>&limit=<n>}
 * returns newline-delimited JSON {@code {"Path","Version","Timestamp"}} of the entries at or after
 * {@code since} (inclusive), in timestamp order (entries with equal timestamps in the order they
 * were added), at most {@code limit} of them (default and maximum {@value #MAX_LIMIT}).
 */
public final class FakeIndex implements AutoCloseable {
  /** The default and maximum page size, as on index.golang.org. */
  public static final int MAX_LIMIT = 2000;

  private final List<IndexEntry> entries = new ArrayList<>();
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
    entries.addAll(List.of(more));
    // A stable sort keeps insertion order among equal timestamps, as page-boundary tests need.
    entries.sort(Comparator.comparing(IndexEntry::timestamp));
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

  @Override
  public void close() {
    server.close();
  }

  /** The page for these parameters, as it would be served. */
  public synchronized List<IndexEntry> page(Instant since, int limit) {
    return entries.stream()
        .filter(e -> !e.timestamp().isBefore(since))
        .limit(Math.min(Math.max(limit, 0), MAX_LIMIT))
        .collect(Collectors.toList());
  }

  private Reply handle(String method, URI target) {
    if (!method.equals("GET") || !"/index".equals(target.getRawPath())) {
      return Reply.text(404, "not found\n");
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
    String body =
        page(since, limit).stream().map(e -> e.toJson() + "\n").collect(Collectors.joining());
    return Reply.of(200, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
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
