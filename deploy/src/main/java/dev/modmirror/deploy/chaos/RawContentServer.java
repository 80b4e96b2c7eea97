package dev.modmirror.deploy.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The Git host's raw-content endpoint for the run's branch pushes: {@code
 * /raw/<repository>/<commit>/go.mod} answers the go.mod recorded for that commit, anything else
 * 404. A commit's go.mod is recorded before its push is sent and kept for the whole run, so a fetch
 * redone after ingest was killed reads the same file.
 */
final class RawContentServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> goMods = new ConcurrentHashMap<>();

  private RawContentServer(HttpServer server) {
    this.server = server;
  }

  static RawContentServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RawContentServer raw = new RawContentServer(server);
    server.createContext("/raw/", raw::answer);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    return raw;
  }

  /** The template ingest builds its URLs from ({@code MODMIRROR_WEBHOOK_RAW_URL}). */
  String template() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/raw/{repo}/{commit}/{path}";
  }

  /** Records what {@code go.mod} holds at {@code commit} of {@code repository}. */
  void put(String repository, String commit, String goMod) {
    goMods.put("/raw/" + repository + "/" + commit + "/go.mod", goMod);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String text = goMods.get(exchange.getRequestURI().getPath());
      if (text == null || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
