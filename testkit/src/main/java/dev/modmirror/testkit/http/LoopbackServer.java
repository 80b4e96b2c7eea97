package dev.modmirror.testkit.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP/1.1 server on a free loopback port: one request per connection ({@code Connection:
 * close}), request bodies ignored, each connection on its own daemon thread so a slow answer holds
 * up no other. Logs method, path and status of every request.
 */
public final class LoopbackServer implements AutoCloseable {
  private static final int READ_TIMEOUT_MS = 30_000;
  private static final int MAX_HEAD = 64 * 1024;

  /** Answers one request. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(String method, URI target) throws Exception;
  }

  private final ServerSocket socket;
  private final Handler handler;
  private final ExecutorService executor;
  private final List<LoggedRequest> log = new CopyOnWriteArrayList<>();

  private LoopbackServer(ServerSocket socket, Handler handler, ExecutorService executor) {
    this.socket = socket;
    this.handler = handler;
    this.executor = executor;
  }

  /**
   * Starts serving.
   *
   * @throws UncheckedIOException if no loopback port can be bound
   */
  public static LoopbackServer start(String name, Handler handler) {
    return start(name, handler, 0);
  }

  /**
   * Starts serving on a given loopback port (0: any free one), e.g. to bring a stopped server back
   * where its clients expect it.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static LoopbackServer start(String name, Handler handler, int port) {
    ServerSocket socket;
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " on loopback", e);
    }
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    LoopbackServer server = new LoopbackServer(socket, handler, executor);
    executor.execute(server::acceptLoop);
    return server;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** Every request answered so far, in order of completion. */
  public List<LoggedRequest> requests() {
    return List.copyOf(log);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      executor.shutdownNow();
    }
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        executor.execute(() -> serve(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(READ_TIMEOUT_MS);
      String[] requestLine = readHead(new BufferedInputStream(connection.getInputStream()));
      if (requestLine == null) {
        return;
      }
      URI target = URI.create(requestLine[1]);
      Reply reply = answer(requestLine[0], target);
      String query = target.getRawQuery();
      String path = query == null ? target.getPath() : target.getPath() + "?" + query;
      // Logged before the reply is written, so a client that has its answer sees it in the log.
      log.add(new LoggedRequest(requestLine[0], path, reply.status()));
      write(connection.getOutputStream(), reply);
    } catch (IOException | RuntimeException e) {
      // The client went away or sent garbage: nothing to answer.
    }
  }

  private Reply answer(String method, URI target) {
    try {
      return handler.handle(method, target);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.text(503, "fake server interrupted\n");
    } catch (Exception e) {
      return Reply.text(500, "fake server failure: " + e + "\n");
    }
  }

  private static void write(OutputStream out, Reply reply) throws IOException {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(reply.status())
            .append(reply.status() < 400 ? " OK" : " Error")
            .append("\r\nContent-Type: ")
            .append(reply.contentType());
    if (reply.stream() == null) {
      head.append("\r\nContent-Length: ").append(reply.body().length);
    }
    reply
        .headers()
        .forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
    head.append("\r\nConnection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (reply.stream() == null) {
      out.write(reply.body(), 0, reply.bytesToSend());
    } else {
      try {
        reply.stream().write(out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    out.flush();
  }

  // Reads the request line and skips the headers; null if the client sent nothing.
  private static String[] readHead(InputStream in) throws IOException {
    String first = readLine(in);
    if (first == null || first.isEmpty()) {
      return null;
    }
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      // Headers do not change any fake's answer.
    }
    String[] parts = first.split(" ");
    if (parts.length != 3) {
      throw new IOException("bad request line: " + first);
    }
    return parts;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
      }
      if (line.size() > MAX_HEAD) {
        throw new IOException("request head too long");
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
