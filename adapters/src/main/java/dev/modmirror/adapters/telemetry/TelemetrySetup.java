package dev.modmirror.adapters.telemetry;

import dev.modmirror.core.error.InvalidInputException;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds the {@link OpenTelemetrySdk} of a process through the SDK's autoconfigure module, so every
 * standard {@code OTEL_*} variable means what the OpenTelemetry specification says (exporters,
 * endpoints, headers, sampler, resource, propagators, intervals). modmirror only fills in defaults
 * where a variable is absent:
 *
 * <ul>
 *   <li>{@code service.name}: the command's name ({@code modmirror-warmer}, …);
 *   <li>OTLP over HTTP/protobuf (the specification's default; autoconfigure's own is gRPC);
 *   <li>traces and metrics: {@code otlp} when an OTLP endpoint is set, else none (a service) or
 *       traces to the {@code logging} exporter (dev mode); logs: none (they go to stderr, with the
 *       trace id from the MDC);
 *   <li>sampling keeps failures: whatever sampler is configured, a span it drops is still recorded,
 *       and exported alone if it ends with an error status ({@link KeepFailedSpans}).
 * </ul>
 *
 * Nothing is registered globally and no shutdown hook is added: whoever builds the SDK passes it on
 * and closes it at shutdown (which flushes).
 */
public final class TelemetrySetup {
  private TelemetrySetup() {}

  /**
   * @throws InvalidInputException if an {@code OTEL_*} setting is invalid (autoconfigure's message)
   */
  public static OpenTelemetrySdk create(TelemetryConfig config) {
    return create(config, List.of());
  }

  /**
   * As {@link #create(TelemetryConfig)}, with more span processors beside the configured exporters
   * (dev mode reads its per-hop timings from the spans).
   */
  public static OpenTelemetrySdk create(TelemetryConfig config, List<SpanProcessor> more) {
    List<SpanExporter> exporters = new CopyOnWriteArrayList<>();
    try {
      return AutoConfiguredOpenTelemetrySdk.builder()
          .disableShutdownHook()
          .addPropertiesSupplier(() -> baseProperties(config))
          .addPropertiesCustomizer(properties -> exporterDefaults(properties, config))
          .addSamplerCustomizer((sampler, properties) -> KeepFailedSpans.sampler(sampler))
          .addSpanExporterCustomizer(
              (exporter, properties) -> {
                exporters.add(exporter);
                return exporter;
              })
          .addTracerProviderCustomizer(
              (tracing, properties) -> {
                more.forEach(tracing::addSpanProcessor);
                return tracing.addSpanProcessor(KeepFailedSpans.exportTo(exporters));
              })
          .build()
          .getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      throw new InvalidInputException("telemetry (OTEL_* variables): " + e.getMessage());
    }
  }

  private static Map<String, String> baseProperties(TelemetryConfig config) {
    Map<String, String> base = new HashMap<>();
    base.put("otel.service.name", config.serviceName());
    base.put("otel.logs.exporter", "none");
    // The specification's default (autoconfigure's own is grpc): port 4318, paths /v1/traces, ….
    base.put("otel.exporter.otlp.protocol", "http/protobuf");
    base.putAll(config.properties());
    return base;
  }

  /**
   * Exporter defaults that depend on other settings, returned only where the variable is unset (a
   * customizer's values override the environment's).
   */
  private static Map<String, String> exporterDefaults(
      ConfigProperties properties, TelemetryConfig config) {
    boolean otlp =
        properties.getString("otel.exporter.otlp.endpoint") != null
            || properties.getString("otel.exporter.otlp.traces.endpoint") != null;
    Map<String, String> defaults = new HashMap<>();
    if (properties.getString("otel.traces.exporter") == null) {
      defaults.put("otel.traces.exporter", otlp ? "otlp" : config.logSpans() ? "logging" : "none");
    }
    boolean otlpMetrics =
        otlp || properties.getString("otel.exporter.otlp.metrics.endpoint") != null;
    if (properties.getString("otel.metrics.exporter") == null) {
      defaults.put("otel.metrics.exporter", otlpMetrics ? "otlp" : "none");
    }
    return defaults;
  }
}
