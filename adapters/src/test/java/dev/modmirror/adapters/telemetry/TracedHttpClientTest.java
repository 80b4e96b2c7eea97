package dev.modmirror.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TracedHttpClientTest {
  @RegisterExtension final OpenTelemetryExtension otel = OpenTelemetryExtension.create();
  private final Queue<String> traceparents = new ConcurrentLinkedQueue<>();
  private HttpServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
          int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    client = TracedHttpClient.wrap(HttpClient.newHttpClient(), otel.getOpenTelemetry());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void anExchangeIsAClientSpanWhoseContextTravelsInTheRequest() throws Exception {
    HttpResponse<Void> response =
        client.send(request("/ok"), HttpResponse.BodyHandlers.discarding());

    assertThat(response.statusCode()).isEqualTo(200);
    SpanData span = otel.getSpans().get(0);
    assertThat(span.getName()).isEqualTo("GET");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getAttributes().get(Telemetry.HTTP_STATUS)).isEqualTo(200L);
    assertThat(span.getAttributes().get(Telemetry.URL_FULL)).endsWith("/ok");
    assertThat(span.getAttributes().get(Telemetry.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(traceparents)
        .singleElement()
        .satisfies(t -> assertThat(t).contains(span.getTraceId()).contains(span.getSpanId()));
  }

  @Test
  void aClientErrorAnswerMarksTheSpanFailed() throws Exception {
    client.send(request("/missing"), HttpResponse.BodyHandlers.discarding());

    SpanData span = otel.getSpans().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(Telemetry.ERROR_TYPE)).isEqualTo("404");
  }

  @Test
  void credentialsInTheUrlNeverReachTheSpan() throws Exception {
    URI withUser =
        URI.create("http://bob:s3cret@127.0.0.1:" + server.getAddress().getPort() + "/ok");
    client.send(HttpRequest.newBuilder(withUser).build(), HttpResponse.BodyHandlers.discarding());

    assertThat(otel.getSpans().get(0).getAttributes().get(Telemetry.URL_FULL))
        .doesNotContain("s3cret");
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .build();
  }
}
