package dev.modmirror.deploy.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.index.FeedTime;
import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * An index feed on loopback that grows while the run goes on: each version the load publishes is
 * appended with a timestamp after every earlier one, and served as index.golang.org serves it
 * ({@code /index?since=&limit=}, {@code since} inclusive, newline-delimited JSON).
 */
final class ChaosIndex implements AutoCloseable {
  private record Entry(ModuleRef ref, Instant at) {}

  private final HttpServer server;
  private final List<Entry> entries = new ArrayList<>();
  private final Instant start;

  private ChaosIndex(Instant start) throws IOException {
    this.start = start;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/index", this::page);
    server.start();
  }

  static ChaosIndex start(Instant start) {
    try {
      return new ChaosIndex(start);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the chaos index", e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The feed's first instant: where a follower that never followed it starts. */
  Instant start() {
    return start;
  }

  /** Publishes {@code ref} on the feed. */
  synchronized void append(ModuleRef ref) {
    Instant now = Instant.now();
    Instant last = entries.isEmpty() ? start : entries.get(entries.size() - 1).at();
    entries.add(new Entry(ref, now.isAfter(last) ? now : last.plusNanos(1000)));
  }

  private void page(HttpExchange exchange) throws IOException {
    try (exchange) {
      Instant since = start;
      int limit = 2000;
      String query = exchange.getRequestURI().getRawQuery();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String value = URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
        if (kv[0].equals("since")) {
          since = FeedTime.parse(value);
        } else if (kv[0].equals("limit")) {
          limit = Math.max(1, Math.min(2000, Integer.parseInt(value)));
        }
      }
      byte[] body = lines(since, limit).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(400, -1);
    }
  }

  private synchronized String lines(Instant since, int limit) {
    StringBuilder body = new StringBuilder();
    int n = 0;
    for (Entry e : entries) {
      if (!e.at().isBefore(since) && n++ < limit) {
        body.append("{\"Path\":\"")
            .append(e.ref().modulePath())
            .append("\",\"Version\":\"")
            .append(e.ref().moduleVersion())
            .append("\",\"Timestamp\":\"")
            .append(FeedTime.format(e.at()))
            .append("\"}\n");
      }
    }
    return body.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
