package dev.modmirror.deploy.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP front of one S3 endpoint, on a port of its own that never changes, so the services
 * keep one endpoint while the chaos run takes it away ({@link Mode#DOWN}: the port refuses
 * connections and open ones are cut, as a stopped server does) or makes it answer {@code 503
 * SlowDown} to every request ({@link Mode#SLOW_DOWN}, as S3 does under throttling). Bytes pass
 * through untouched otherwise.
 */
final class TcpFront implements AutoCloseable {
  /** What the front does with connections. */
  enum Mode {
    UP,
    DOWN,
    SLOW_DOWN
  }

  private static final byte[] SLOW_DOWN_BODY =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
              + "<Message>Please reduce your request rate.</Message></Error>")
          .getBytes(StandardCharsets.UTF_8);

  private final InetSocketAddress target;
  private final int port;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "chaos-front");
            t.setDaemon(true);
            return t;
          });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.UP;
  private ServerSocket server;

  private TcpFront(InetSocketAddress target, ServerSocket server) {
    this.target = target;
    this.server = server;
    this.port = server.getLocalPort();
    threads.execute(() -> accept(server));
  }

  /** Starts a front of {@code endpoint} ({@code http://host:port}) on a free loopback port. */
  static TcpFront start(URI endpoint) {
    try {
      ServerSocket server = listen(0);
      return new TcpFront(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: what the services are given instead of the endpoint. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  Mode mode() {
    return mode;
  }

  /** Switches mode; connections open under the previous mode are cut. */
  synchronized void mode(Mode next) {
    if (next == mode) {
      return;
    }
    mode = next;
    cutOpenConnections();
    try {
      if (next == Mode.DOWN && server != null) {
        server.close();
        server = null;
      } else if (next != Mode.DOWN && server == null) {
        ServerSocket again = listen(port);
        server = again;
        threads.execute(() -> accept(again));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen again on port " + port, e);
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    return socket;
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        return; // closed: the front went down
      }
      open.add(client);
      Mode now = mode;
      threads.execute(() -> serve(client, now));
    }
  }

  private void serve(Socket client, Mode now) {
    if (now == Mode.SLOW_DOWN) {
      slowDown(client);
      return;
    }
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
      open.add(upstream);
      threads.execute(() -> pump(upstream, client));
      pump(client, upstream);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(to);
    } finally {
      closeQuietly(from);
    }
  }

  /** Reads one request's head and body, answers 503 SlowDown and closes. */
  private void slowDown(Socket client) {
    try (client) {
      client.setSoTimeout(10_000);
      InputStream in = client.getInputStream();
      long length = contentLength(readHead(in));
      in.skipNBytes(Math.max(0, length));
      OutputStream out = client.getOutputStream();
      String head =
          "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
              + SLOW_DOWN_BODY.length
              + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(SLOW_DOWN_BODY);
      out.flush();
    } catch (IOException e) {
      // the client went away first: nothing to answer
    } finally {
      open.remove(client);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
      if (head.size() > 64 * 1024) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        try {
          return Long.parseLong(line.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private void cutOpenConnections() {
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public synchronized void close() {
    mode(Mode.DOWN);
    threads.shutdownNow();
  }
}
