package dev.modmirror.adapters.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server with modmirror's rules (see the package doc). Built with {@link #builder()},
 * started by {@link Builder#start()}, stopped by {@link #close()}. Thread-safe.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  /** How much of a refused body is read and discarded so that the 413 reaches the client. */
  private static final long DRAIN_LIMIT = 8L << 20;

  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final List<Route> routes;
  private final LongCounter requests;
  private final DoubleHistogram duration;

  private HttpService(Builder b) throws IOException {
    this.routes = List.copyOf(b.routes);
    Meter meter = b.telemetry.getMeter(Telemetry.SCOPE);
    this.requests =
        meter
            .counterBuilder("modmirror.http.server.requests")
            .setDescription("HTTP requests answered, by route, method and status")
            .build();
    this.duration =
        meter
            .histogramBuilder("http.server.request.duration")
            .setUnit("s")
            .setDescription("Time to answer an HTTP request")
            .build();
    AtomicInteger threads = new AtomicInteger();
    // Bounded: past threads + queue, the JDK server closes the new connection instead of queueing.
    this.pool =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(b.queue),
            r -> {
              Thread t = new Thread(r, b.name + "-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(b.address, 128);
    server.setExecutor(pool);
    server.createContext("/", this::serve);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Gives in-flight requests up to a second to finish, then stops. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Not stop(1): on JDK 17 it always waits the whole delay, even with nothing in flight.
    server.stop(0);
    pool.shutdownNow();
  }

  private void serve(HttpExchange exchange) {
    long started = System.nanoTime();
    String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path = exchange.getRequestURI().getPath();
    Route route = null;
    Response response;
    try {
      List<Route> matching = routes.stream().filter(r -> r.matches(path)).toList();
      route = matching.stream().filter(r -> r.methods().contains(method)).findFirst().orElse(null);
      if (matching.isEmpty()) {
        response = Response.text(404, "not found");
      } else if (route == null) {
        TreeSet<String> allowed = new TreeSet<>();
        matching.forEach(r -> allowed.addAll(r.methods()));
        response =
            Response.text(405, "method not allowed")
                .withHeader("Allow", String.join(", ", allowed));
      } else {
        response = answer(route, exchange, method, path);
      }
    } catch (RuntimeException e) {
      LOG.error(
          "http {} {}: handler failed: {}",
          method,
          route == null ? "-" : route.name(),
          e.toString());
      response = Response.text(500, "internal error");
    }
    send(exchange, response);
    Attributes attributes =
        Attributes.of(
            ROUTE,
            route == null ? "unmatched" : route.name(),
            METHOD,
            method,
            STATUS,
            (long) response.status());
    requests.add(1, attributes);
    duration.record((System.nanoTime() - started) / 1e9, attributes);
  }

  private Response answer(Route route, HttpExchange exchange, String method, String path) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared = length == null ? -1 : parseLong(length);
    if (declared > route.maxBody()) {
      if (declared <= DRAIN_LIMIT) {
        drain(exchange.getRequestBody());
      }
      return Response.text(413, "body over " + route.maxBody() + " bytes");
    }
    byte[] body;
    try {
      body = read(exchange.getRequestBody(), route.maxBody());
    } catch (IOException e) {
      return Response.text(400, "unreadable body");
    }
    if (body == null) {
      return Response.text(413, "body over " + route.maxBody() + " bytes");
    }
    Request request =
        new Request(
            method,
            path,
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            body,
            exchange.getRemoteAddress() == null
                ? ""
                : exchange.getRemoteAddress().getAddress().getHostAddress());
    if (route.limiter().isPresent()
        && !route.limiter().get().tryAcquire(route.sourceOf().apply(request))) {
      return Response.text(429, "too many requests").withHeader("Retry-After", "1");
    }
    try {
      return route.handler().handle(request);
    } catch (Exception e) {
      LOG.error("http {} {}: handler failed: {}", method, route.name(), e.toString());
      return Response.text(500, "internal error");
    }
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Reads and discards up to {@link #DRAIN_LIMIT} more bytes of a refused body. Closing a socket
   * whose receive buffer still holds data makes the kernel send a reset, and the reset can reach
   * the client before our 413 does: the client then sees "connection reset" instead of the answer.
   * A body beyond the limit is not worth the thread; that client may see the reset.
   */
  private static void drain(InputStream in) {
    try (in) {
      long left = DRAIN_LIMIT;
      byte[] sink = new byte[16 * 1024];
      while (left > 0) {
        int n = in.read(sink, 0, (int) Math.min(sink.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException e) {
      LOG.debug("http: client went away while a refused body drained: {}", e.toString());
    }
  }

  /** The body, or null if it is longer than {@code max}. */
  private static byte[] read(InputStream in, long max) throws IOException {
    try (in) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (body.length > max) {
        drain(in);
        return null;
      }
      return body;
    }
  }

  private static void send(HttpExchange exchange, Response response) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      // The connection may hold an unread oversize body: do not reuse it.
      if (response.status() == 413) {
        exchange.getResponseHeaders().set("Connection", "close");
      }
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      LOG.debug("http: client went away: {}", e.toString());
    }
  }

  /** Collects the routes and limits of a service. */
  public static final class Builder {
    private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    private String name = "modmirror";
    private int threads = 8;
    private int queue = 64;
    private OpenTelemetry telemetry = OpenTelemetry.noop();
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();

    private Builder() {}

    public Builder bind(InetSocketAddress address) {
      this.address = address;
      return this;
    }

    /** Names the threads ({@code <name>-http-N}). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Worker threads, and requests that may wait for one; past both, connections are closed. */
    public Builder pool(int threads, int queue) {
      if (threads < 1 || queue < 1) {
        throw new IllegalArgumentException("threads and queue must be at least 1");
      }
      this.threads = threads;
      this.queue = queue;
      return this;
    }

    public Builder telemetry(OpenTelemetry telemetry) {
      this.telemetry = telemetry;
      return this;
    }

    public Builder route(Route route) {
      routes.add(route);
      return this;
    }

    /** A readiness check: {@code /readyz} answers 503 naming every check that is false. */
    public Builder ready(String name, BooleanSupplier check) {
      readiness.put(name, check);
      return this;
    }

    /**
     * Adds {@code /healthz} (200 while the process serves) and {@code /readyz}, and starts.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public HttpService start() {
      Map<String, BooleanSupplier> checks = Map.copyOf(readiness);
      routes.add(Route.of("GET", "/healthz", 0, r -> Response.text(200, "ok")));
      routes.add(
          Route.of(
              "GET",
              "/readyz",
              0,
              r -> {
                List<String> failing =
                    checks.entrySet().stream()
                        .filter(e -> !e.getValue().getAsBoolean())
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList();
                return failing.isEmpty()
                    ? Response.text(200, "ready")
                    : Response.text(503, "not ready: " + String.join(", ", failing));
              }));
      try {
        return new HttpService(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + address, e);
      }
    }
  }
}
