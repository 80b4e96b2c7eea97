package dev.modmirror.adapters.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpIndexFeedTest {
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A feed whose every page answers {@code status} with {@code body}. */
  private HttpIndexFeed serving(int status, byte[] body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/index",
        exchange -> {
          try (exchange) {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    return new HttpIndexFeed(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(30));
  }

  @Test
  void splitsLinesAsALineReaderDoesAndDropsBlankOnes() {
    byte[] body = "a\nb\r\nc\rd\n\n  \né\n{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(HttpIndexFeed.lines(body)).containsExactly("a", "b", "c", "d", "é", "{\"x\":1}");
    assertThat(HttpIndexFeed.lines(new byte[0])).isEmpty();
    assertThat(HttpIndexFeed.lines("a\n".getBytes(StandardCharsets.UTF_8))).containsExactly("a");
  }

  @Test
  void readsAPageOfLines() throws Exception {
    HttpIndexFeed feed = serving(200, "one\ntwo\n".getBytes(StandardCharsets.UTF_8));

    assertThat(feed.page(Instant.EPOCH, 2000)).isEqualTo(List.of("one", "two"));
  }

  @Test
  void refusesABodyOverTheBoundAsPermanent() throws Exception {
    byte[] body = new byte[HttpIndexFeed.MAX_BODY + 1];
    java.util.Arrays.fill(body, (byte) 'x');
    HttpIndexFeed feed = serving(200, body);

    assertThatThrownBy(() -> feed.page(Instant.EPOCH, 2000))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("page over " + HttpIndexFeed.MAX_BODY + " bytes");
  }

  @Test
  void unavailableIsTransientAndNotFoundPermanent() throws Exception {
    HttpIndexFeed unavailable = serving(503, new byte[0]);
    assertThatThrownBy(() -> unavailable.page(Instant.EPOCH, 2000))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("answered 503");
    server.stop(0);

    HttpIndexFeed missing = serving(404, "gone".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> missing.page(Instant.EPOCH, 2000))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("answered 404");
  }
}
