package dev.modmirror.adapters.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server with modmirror's rules (see the package doc). Built with {@link #builder()},
 * started by {@link Builder#start()}, stopped by {@link #close()}. Thread-safe.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, a small
    // answer then waits for the client's delayed ACK (40 ms) on a kept-alive connection. Read once,
    // when the first server is made, so it is set here, before any.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final AttributeKey<String> ROUTE = Telemetry.HTTP_ROUTE;
  private static final AttributeKey<String> METHOD = Telemetry.HTTP_METHOD;
  private static final AttributeKey<Long> STATUS = Telemetry.HTTP_STATUS;
  private static final int COPY_BUFFER = 64 * 1024;
  private static final long MAX_DRAIN = 16L << 20;
  private static final TextMapGetter<Headers> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
          return headers.keySet();
        }

        @Override
        public String get(Headers headers, String key) {
          return headers == null ? null : headers.getFirst(key);
        }
      };

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final List<Route> routes;
  private final LongCounter requests;
  private final DoubleHistogram duration;
  private final LongCounter aborted;
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final RequestFilter filter;

  private HttpService(Builder b) throws IOException {
    // Exact paths win over prefixes, and a longer prefix over a shorter one, whatever the order
    // routes were added in: a catch-all route never hides /healthz.
    List<Route> ordered = new ArrayList<>(b.routes);
    ordered.sort(
        java.util.Comparator.comparing((Route r) -> r.path().endsWith("/*"))
            .thenComparing(r -> -r.path().length()));
    this.routes = List.copyOf(ordered);
    this.filter = b.filter;
    this.tracer = b.telemetry.getTracer(Telemetry.SCOPE);
    this.propagator = b.telemetry.getPropagators().getTextMapPropagator();
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
    this.aborted =
        meter
            .counterBuilder("modmirror.http.server.aborted")
            .setDescription("Streamed answers the client went away from before their end")
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
    if (b.tls == null) {
      this.server = HttpServer.create(b.address, 128);
    } else {
      HttpsServer https = HttpsServer.create(b.address, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(b.tls));
      this.server = https;
    }
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
    List<Route> matching = routes.stream().filter(r -> r.matches(path)).toList();
    Route route =
        matching.stream().filter(r -> r.methods().contains(method)).findFirst().orElse(null);
    Span span =
        tracer
            .spanBuilder(route == null ? method : method + " " + route.name())
            .setParent(propagator.extract(Context.root(), exchange.getRequestHeaders(), HEADERS))
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(METHOD, method)
            .setAttribute(ROUTE, route == null ? "unmatched" : route.name())
            .startSpan();
    Response response;
    try (Scope ignored = span.makeCurrent()) {
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
    try (Scope ignored = span.makeCurrent()) {
      send(exchange, method, response);
    } finally {
      span.setAttribute(STATUS, (long) response.status());
      if (response.status() >= 500) {
        span.setStatus(StatusCode.ERROR, "HTTP " + response.status());
      }
      span.end();
    }
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
    if (length != null && parseLong(length) > route.maxBody()) {
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
      Optional<Response> refused = filter.check(route, request);
      return refused.isPresent() ? refused.get() : route.handler().handle(request);
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
   * The body, or null if it is longer than {@code max}. The stream stays open: {@link #send} reads
   * what is left of it before answering.
   */
  private static byte[] read(InputStream in, long max) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    return body.length > max ? null : body;
  }

  private void send(HttpExchange exchange, String method, Response response) {
    try (exchange;
        InputStream streamed =
            response
                .streamed()
                .map(Response.Streamed::content)
                .orElse(InputStream.nullInputStream())) {
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      // The connection may hold an unread oversize body: do not reuse it.
      if (response.status() == 413) {
        exchange.getResponseHeaders().set("Connection", "close");
      }
      drainUnreadBody(exchange);
      long length = response.length();
      if (method.equals("HEAD")) {
        // The JDK server sends no body for HEAD and takes the length only from the header.
        exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
        exchange.sendResponseHeaders(response.status(), -1);
        return;
      }
      // -1: no body; 0 would mean chunked to the JDK server.
      exchange.sendResponseHeaders(response.status(), length == 0 ? -1 : length);
      try (OutputStream out = exchange.getResponseBody()) {
        if (response.streamed().isPresent()) {
          copy(streamed, out, length);
        } else {
          out.write(response.body());
        }
      }
    } catch (IOException e) {
      // A client that goes away costs its connection and nothing more: the store's stream is
      // closed above, the worker moves on.
      if (response.streamed().isPresent()) {
        aborted.add(1);
      }
      LOG.debug("http: client went away: {}", e.toString());
    }
  }

  /**
   * Reads and drops what the client sent and no one read (a body over the cap, a body sent to an
   * unknown path), up to {@link #MAX_DRAIN} bytes, before the answer: a lingering close, as nginx
   * does. Closing a socket with unread data makes the kernel reset the connection, and the reset
   * can overtake the answer the client has not read yet ("connection reset", or "fixed
   * content-length: 24, bytes received: 0"). A declared body beyond the bound is not worth the
   * worker; that client may see the reset.
   */
  private static void drainUnreadBody(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && parseLong(length) > MAX_DRAIN) {
      return;
    }
    try (InputStream body = exchange.getRequestBody()) {
      drain(body);
    } catch (IOException e) {
      // The client went away: nothing to answer.
    }
  }

  private static void drain(InputStream body) {
    try {
      long left = MAX_DRAIN;
      byte[] buffer = new byte[COPY_BUFFER];
      for (int n;
          left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
        left -= n;
      }
    } catch (IOException e) {
      // The client went away or sent less: nothing to answer then, or the answer goes out anyway.
    }
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[COPY_BUFFER];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("stored object ended " + left + " bytes short of its length");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /** Collects the routes and limits of a service. */
  public static final class Builder {
    private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    private String name = "modmirror";
    private int threads = 8;
    private int queue = 64;
    private OpenTelemetry telemetry = OpenTelemetry.noop();
    private RequestFilter filter = RequestFilter.NONE;
    private SSLContext tls;
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

    /** Checked before every handler: the seam for access control. One filter; the last wins. */
    public Builder filter(RequestFilter filter) {
      this.filter = java.util.Objects.requireNonNull(filter, "filter");
      return this;
    }

    /** Serves HTTPS with this context (a key store's certificate) instead of plain HTTP. */
    public Builder tls(SSLContext context) {
      this.tls = java.util.Objects.requireNonNull(context, "context");
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
