package dev.modmirror.deploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A GOPROXY over a file tree on a loopback port that a benchmark can kill (new connections are
 * refused), bring back on the same port, and slow down (a fixed delay before each answer). Logs
 * every answered request with its time. Bench code only: no path checks beyond staying below the
 * root.
 */
final class SwitchableGoproxy implements AutoCloseable {
  /** One answered request. */
  record Served(long nanos, String path, int status) {}

  private final Path root;
  private int port;
  private final ConcurrentLinkedQueue<Served> log = new ConcurrentLinkedQueue<>();
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon());
  private volatile Duration delay = Duration.ZERO;
  private HttpServer server;

  private SwitchableGoproxy(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Serves {@code root} on a free loopback port. */
  static SwitchableGoproxy start(Path root) {
    SwitchableGoproxy proxy = new SwitchableGoproxy(root);
    synchronized (proxy) {
      proxy.server = proxy.listen(0);
      proxy.port = proxy.server.getAddress().getPort();
    }
    return proxy;
  }

  synchronized URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops listening: connections are refused from now on. */
  synchronized void kill() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same port, answering after {@code delay}. */
  synchronized void revive(Duration delay) {
    this.delay = delay;
    if (server == null) {
      server = listen(port);
    }
  }

  List<Served> served() {
    return List.copyOf(log);
  }

  @Override
  public synchronized void close() {
    kill();
    executor.shutdownNow();
  }

  private HttpServer listen(int onPort) {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 128);
      s.createContext("/", this::serve);
      s.setExecutor(executor);
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback port " + onPort, e);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!delay.isZero()) {
        Thread.sleep(delay.toMillis());
      }
      String path =
          URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      Path file = root.resolve(path.substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        answer(exchange, 404, ("not found: " + path).getBytes(StandardCharsets.UTF_8), path);
        return;
      }
      answer(exchange, 200, Files.readAllBytes(file), path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void answer(HttpExchange exchange, int status, byte[] body, String path)
      throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    log.add(new Served(System.nanoTime(), path, status));
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "bench-goproxy");
      t.setDaemon(true);
      return t;
    };
  }
}
