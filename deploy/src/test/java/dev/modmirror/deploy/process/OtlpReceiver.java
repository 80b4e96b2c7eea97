package dev.modmirror.deploy.process;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OTLP/HTTP trace receiver on loopback: it decodes each {@code POST /v1/traces} with the
 * official {@code opentelemetry-proto} classes, as a collector would, and keeps every span with the
 * {@code service.name} of the process that sent it. {@code /v1/metrics} is accepted and counted.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** One received span. */
  public record ReceivedSpan(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      int statusCode,
      Map<String, String> attributes,
      int links) {}

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final AtomicInteger metricExports = new AtomicInteger();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext(
        "/",
        exchange -> {
          try (exchange;
              InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1/traces")) {
              receiver.add(ExportTraceServiceRequest.parseFrom(bytes));
            } else if (path.equals("/v1/metrics")) {
              receiver.metricExports.incrementAndGet();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    return receiver;
  }

  /** The base URL for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  public int metricExports() {
    return metricExports.get();
  }

  private void add(ExportTraceServiceRequest request) {
    HexFormat hex = HexFormat.of();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = attributes(resource.getResource().getAttributesList()).get("service.name");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (var span : scope.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  service,
                  hex.formatHex(span.getTraceId().toByteArray()),
                  hex.formatHex(span.getSpanId().toByteArray()),
                  hex.formatHex(span.getParentSpanId().toByteArray()),
                  span.getName(),
                  span.getKindValue(),
                  span.getStatus().getCodeValue(),
                  attributes(span.getAttributesList()),
                  span.getLinksCount()));
        }
      }
    }
  }

  private static Map<String, String> attributes(List<KeyValue> values) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyValue kv : values) {
      var v = kv.getValue();
      map.put(
          kv.getKey(),
          v.hasStringValue()
              ? v.getStringValue()
              : v.hasIntValue() ? Long.toString(v.getIntValue()) : v.toString().trim());
    }
    return map;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
