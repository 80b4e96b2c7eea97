package dev.modmirror.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.error.InvalidInputException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TelemetrySetupTest {

  @Test
  void forTestsRecordsSpansAndInjectsW3cTraceparent() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = TelemetrySetup.forTests(exporter)) {
      Span span = sdk.getTracer("test").spanBuilder("hop").startSpan();
      Map<String, String> headers = new HashMap<>();
      sdk.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current().with(span), headers, Map::put);
      span.end();

      assertThat(exporter.getFinishedSpanItems()).hasSize(1);
      assertThat(headers.get("traceparent"))
          .matches("00-" + span.getSpanContext().getTraceId() + "-[0-9a-f]{16}-0[13]");
    }
  }

  @Test
  void exportsSpansOverOtlpHttpToTheConfiguredEndpoint() throws IOException {
    Queue<String> paths = new ConcurrentLinkedQueue<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + collector.getAddress().getPort());
      try (OpenTelemetrySdk sdk =
          TelemetrySetup.create(new TelemetryConfig("modmirror-test", Optional.of(endpoint), 1))) {
        sdk.getTracer("test").spanBuilder("hop").startSpan().end();
        CompletableResultCode flushed = sdk.getSdkTracerProvider().forceFlush();

        assertThat(flushed.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      }
      assertThat(paths).contains("POST /v1/traces");
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void withoutEndpointStillCreatesPropagatableTraces() {
    try (OpenTelemetrySdk sdk = TelemetrySetup.create(TelemetryConfig.local("modmirror-test"))) {
      Span span = sdk.getTracer("test").spanBuilder("hop").startSpan();
      assertThat(span.getSpanContext().isValid()).isTrue();
      assertThat(span.getSpanContext().isSampled()).isTrue();
      span.end();
    }
  }

  @Test
  void rejectsABadConfigNamingEveryProblem() {
    assertThatThrownBy(
            () -> new TelemetryConfig(" ", Optional.of(URI.create("ftp://collector")), 1.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("service name is empty")
        .hasMessageContaining("ftp://collector")
        .hasMessageContaining("sampling ratio 1.5");
  }
}
