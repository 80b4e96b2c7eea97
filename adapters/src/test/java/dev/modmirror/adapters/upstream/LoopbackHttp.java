package dev.modmirror.adapters.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A loopback HTTP server for the tests: one scripted answer per decoded request path. */
final class LoopbackHttp implements AutoCloseable {

  /** What to do with one exchange. */
  interface Answer {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** One request as the server saw it. */
  record Seen(String path, String rawPath, Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  LoopbackHttp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          URI uri = exchange.getRequestURI();
          seen.add(
              new Seen(uri.getPath(), uri.getRawPath(), Map.copyOf(exchange.getRequestHeaders())));
          Answer answer =
              answers.getOrDefault(uri.getPath(), status(404, "not found: " + uri.getPath()));
          try {
            answer.handle(exchange);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  LoopbackHttp on(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  static Answer bytes(byte[] body) {
    return ex -> {
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    };
  }

  /** A body without Content-Length (chunked). */
  static Answer chunked(byte[] body) {
    return ex -> {
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().write(body);
    };
  }

  static Answer status(int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return ex -> {
      ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
      if (b.length > 0) {
        ex.getResponseBody().write(b);
      }
    };
  }

  static Answer redirect(int status, String location) {
    return ex -> {
      ex.getResponseHeaders().add("Location", location);
      ex.sendResponseHeaders(status, -1);
    };
  }

  static Answer delayed(long millis, Answer then) {
    return ex -> {
      sleep(millis);
      then.handle(ex);
    };
  }

  /** Sends headers and {@code first} bytes of the body, then stalls before the rest. */
  static Answer stallingBody(byte[] first, int total, long millis) {
    return ex -> {
      ex.sendResponseHeaders(200, total);
      OutputStream out = ex.getResponseBody();
      out.write(first);
      out.flush();
      sleep(millis);
    };
  }

  /** A chunked body of one byte every {@code millis}, {@code total} bytes: never stalls long. */
  static Answer trickle(int total, long millis) {
    return ex -> {
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      for (int i = 0; i < total; i++) {
        out.write('x');
        out.flush();
        sleep(millis);
      }
    };
  }

  /** A chunked body that never ends, as fast as the client reads. */
  static Answer endless() {
    return ex -> {
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      byte[] chunk = new byte[8192];
      try {
        while (true) {
          out.write(chunk);
        }
      } catch (IOException closedByClient) {
        // The client stopped reading: what the test expects.
      }
    };
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * A raw socket server that answers one request with a Content-Length larger than the body it
   * sends, then closes the connection: a truncated download.
   */
  static URI lyingContentLength(int declared, byte[] body) throws IOException {
    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              try (socket;
                  Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                readHeaders(in);
                OutputStream out = s.getOutputStream();
                out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Length: " + declared + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
              } catch (IOException e) {
                // The test sees the effect on the client side.
              }
            },
            "lying-content-length");
    t.setDaemon(true);
    t.start();
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  private static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
