package dev.modmirror.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.modmirror.core.error.InvalidInputException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK as autoconfigure builds it from OTEL_* settings, with modmirror's defaults. */
class TelemetrySetupTest {
  private final Queue<String> received = new ConcurrentLinkedQueue<>();
  private HttpServer collector;
  private String endpoint;

  @BeforeEach
  void startCollector() throws IOException {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(exchange.getRequestURI().getPath() + " " + new String(body, "ISO-8859-1"));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  @Test
  void exportsSpansOverOtlpHttpWhenAnEndpointIsSet() {
    try (OpenTelemetrySdk sdk =
        TelemetrySetup.create(
            TelemetryConfig.service("modmirror-test")
                .withProperties(Map.of("otel.exporter.otlp.endpoint", endpoint)))) {
      sdk.getTracer("test").spanBuilder("hop").startSpan().end();
      CompletableResultCode flushed = sdk.getSdkTracerProvider().forceFlush();

      assertThat(flushed.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    assertThat(received).anySatisfy(r -> assertThat(r).startsWith("/v1/traces ").contains("hop"));
    assertThat(received)
        .anySatisfy(r -> assertThat(r).startsWith("/v1/traces ").contains("modmirror-test"));
  }

  @Test
  void withoutEndpointCreatesPropagatableSampledTraces() {
    try (OpenTelemetrySdk sdk = TelemetrySetup.create(TelemetryConfig.service("modmirror-test"))) {
      Span span = sdk.getTracer("test").spanBuilder("hop").startSpan();
      Map<String, String> headers = new HashMap<>();
      sdk.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current().with(span), headers, Map::put);
      span.end();

      assertThat(span.getSpanContext().isValid()).isTrue();
      assertThat(span.getSpanContext().isSampled()).isTrue();
      assertThat(headers.get("traceparent"))
          .matches(
              "00-"
                  + span.getSpanContext().getTraceId()
                  + "-"
                  + span.getSpanContext().getSpanId()
                  + "-0[13]");
    }
  }

  @Test
  void aSpanTheSamplerDropsIsExportedAloneWhenItFails() {
    try (OpenTelemetrySdk sdk =
        TelemetrySetup.create(
            TelemetryConfig.service("modmirror-test")
                .withProperties(
                    Map.of(
                        "otel.exporter.otlp.endpoint", endpoint,
                        "otel.traces.sampler", "traceidratio",
                        "otel.traces.sampler.arg", "0")))) {
      Span fine = sdk.getTracer("test").spanBuilder("fine-step").startSpan();
      fine.end();
      Span failed = sdk.getTracer("test").spanBuilder("failed-step").startSpan();
      failed.setStatus(StatusCode.ERROR, "broken");
      failed.end();

      assertThat(fine.getSpanContext().isSampled()).isFalse();
      assertThat(failed.getSpanContext().isSampled()).isFalse();
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    }
    assertThat(received).anySatisfy(r -> assertThat(r).contains("failed-step"));
    assertThat(received).noneSatisfy(r -> assertThat(r).contains("fine-step"));
  }

  @Test
  void servesAPrometheusScrapeEndpointWhenAsked() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (OpenTelemetrySdk sdk =
        TelemetrySetup.create(
            TelemetryConfig.service("modmirror-test")
                .withProperties(
                    Map.of(
                        "otel.metrics.exporter", "prometheus",
                        "otel.exporter.prometheus.host", "127.0.0.1",
                        "otel.exporter.prometheus.port", Integer.toString(port))))) {
      sdk.getMeter("test").counterBuilder("modmirror.test.scraped").build().add(3);

      var answer =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("modmirror_test_scraped_total").contains(" 3.0");
      assertThat(answer.body()).contains("service_name=\"modmirror-test\"");
    }
  }

  @Test
  void anInvalidOtelSettingIsReportedAsInvalidInput() {
    assertThatThrownBy(
            () ->
                TelemetrySetup.create(
                    TelemetryConfig.service("modmirror-test")
                        .withProperties(Map.of("otel.traces.exporter", "carrier-pigeon"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("OTEL_")
        .hasMessageContaining("carrier-pigeon");
  }

  @Test
  void rejectsAnEmptyServiceName() {
    assertThatThrownBy(() -> TelemetryConfig.service(" "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("service name is empty");
  }
}
