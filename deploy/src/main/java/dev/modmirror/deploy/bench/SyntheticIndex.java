package dev.modmirror.deploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.index.FeedTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * An index feed of {@code size} generated lines on loopback, as index.golang.org serves it ({@code
 * /index?since=&limit=}, {@code since} inclusive): line {@code i} is module {@code
 * bench.example/g<i/1000>/m<i%1000>} at {@code v1.0.<i%7>}, at {@code T0 + i µs}. The feed's bytes
 * are generated once at start (about 105 bytes a line: 105 MB for a million) and a page is a slice
 * of them, so the index, which shares the machine with what the bench measures, costs it a copy per
 * page rather than formatting 2000 lines (at first it did, and that was most of the follower's wait
 * for its next page). The bench's counterpart of the test kit's {@code FakeIndex}, which keeps its
 * entries in a list.
 */
final class SyntheticIndex implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long STEP_NANOS = 1000;

  private final int size;
  private final byte[] feed;
  // Where line i starts in feed; offsets[size] is feed's length.
  private final int[] offsets;
  private final HttpServer server;

  private SyntheticIndex(int size) throws IOException {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      // As the service's own HttpService: the JDK server writes a body in pieces, and with Nagle's
      // algorithm on a piece can wait for the client's delayed ACK. Read once, when the first
      // server of the JVM starts.
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    this.size = size;
    ByteArrayOutputStream all = new ByteArrayOutputStream(size * 110);
    this.offsets = new int[size + 1];
    for (int i = 0; i < size; i++) {
      offsets[i] = all.size();
      all.write((line(i) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    offsets[size] = all.size();
    this.feed = all.toByteArray();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    // Pages are answered on the server's dispatcher thread: a copy of bytes held in memory needs no
    // pool thread, and a hand-off to one was a thread wake-up per page on the cores the bench
    // measures (the real index does not run on this machine at all).
    server.setExecutor(null);
    server.createContext("/index", this::page);
    server.start();
  }

  static SyntheticIndex start(int size) {
    try {
      return new SyntheticIndex(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The time of the last line. */
  Instant last() {
    return at(size - 1);
  }

  static Instant at(long i) {
    return T0.plusNanos(i * STEP_NANOS);
  }

  /** Line {@code i}, without its newline. */
  static String line(long i) {
    return "{\"Path\":\"bench.example/g"
        + i / 1000
        + "/m"
        + i % 1000
        + "\",\"Version\":\"v1.0."
        + i % 7
        + "\",\"Timestamp\":\""
        + FeedTime.format(at(i))
        + "\"}";
  }

  private void page(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery();
      Instant since = T0;
      int limit = 2000;
      for (String pair : query == null ? new String[0] : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String value = URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
        if (kv[0].equals("since")) {
          since = FeedTime.parse(value);
        } else if (kv[0].equals("limit")) {
          limit = Math.min(2000, Integer.parseInt(value));
        }
      }
      long nanos = Duration.between(T0, since).toNanos();
      long first = Math.max(0, (nanos + STEP_NANOS - 1) / STEP_NANOS);
      int from = (int) Math.min(size, first);
      int to = (int) Math.min(size, first + limit);
      int length = offsets[to] - offsets[from];
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(feed, offsets[from], length);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
