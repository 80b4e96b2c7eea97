package dev.modmirror.deploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A GOPROXY over a {@code file://} tree on a loopback port, answering every request after a fixed
 * delay: what a real proxy 50 ms away looks like to modmirror and to the go command alike, so both
 * are measured against the same upstream. Files are streamed with their length; anything unknown is
 * 404.
 */
final class LatencyGoproxy implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicLong requests = new AtomicLong();

  private LatencyGoproxy(Path tree, Duration latency) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(threads);
    server.createContext("/", exchange -> answer(exchange, tree, latency));
    server.start();
  }

  static LatencyGoproxy start(Path tree, Duration latency) {
    try {
      return new LatencyGoproxy(tree, latency);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the bench upstream", e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests answered so far. */
  long requests() {
    return requests.get();
  }

  private void answer(HttpExchange exchange, Path tree, Duration latency) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      Thread.sleep(latency.toMillis());
      String path =
          URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      Path file = tree.resolve(path.substring(1)).normalize();
      if (!file.startsWith(tree) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, Files.size(file));
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
