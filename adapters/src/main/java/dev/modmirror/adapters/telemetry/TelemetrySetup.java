package dev.modmirror.adapters.telemetry;

import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;

/**
 * Builds the {@link OpenTelemetrySdk} a service passes to its adapters and use cases. Nothing is
 * registered globally: whoever builds it passes it on, and closes it at shutdown (which flushes).
 */
public final class TelemetrySetup {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final Duration METRIC_INTERVAL = Duration.ofSeconds(30);

  private TelemetrySetup() {}

  /**
   * W3C trace-context propagation; spans batched to {@code <endpoint>/v1/traces} and metrics to
   * {@code <endpoint>/v1/metrics} over OTLP/HTTP when an endpoint is configured, else logged at
   * DEBUG ({@code dev.modmirror.spans}).
   */
  public static OpenTelemetrySdk create(TelemetryConfig config) {
    Resource resource =
        Resource.getDefault()
            .merge(Resource.create(Attributes.of(SERVICE_NAME, config.serviceName())));
    SdkTracerProviderBuilder tracing =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplingRatio())));
    SdkMeterProviderBuilder metrics = SdkMeterProvider.builder().setResource(resource);
    config
        .otlpEndpoint()
        .ifPresentOrElse(
            endpoint -> {
              tracing.addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpHttpSpanExporter.builder()
                              .setEndpoint(resolve(endpoint, "v1/traces"))
                              .build())
                      .build());
              metrics.registerMetricReader(otlpMetrics(endpoint));
            },
            () -> tracing.addSpanProcessor(new DebugLogSpanProcessor()));
    return build(tracing.build(), metrics.build());
  }

  /**
   * For tests: every span recorded and handed to {@code exporter} as it ends (no batching delay),
   * W3C propagation, metrics kept in-process.
   */
  public static OpenTelemetrySdk forTests(SpanExporter exporter) {
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .setResource(Resource.create(Attributes.of(SERVICE_NAME, Telemetry.SCOPE + "-test")))
            .setSampler(Sampler.alwaysOn())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    return build(tracing, SdkMeterProvider.builder().build());
  }

  private static OpenTelemetrySdk build(SdkTracerProvider tracing, SdkMeterProvider metrics) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracing)
        .setMeterProvider(metrics)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private static MetricReader otlpMetrics(URI endpoint) {
    return PeriodicMetricReader.builder(
            OtlpHttpMetricExporter.builder().setEndpoint(resolve(endpoint, "v1/metrics")).build())
        .setInterval(METRIC_INTERVAL)
        .build();
  }

  private static String resolve(URI base, String path) {
    String text = base.toString();
    return (text.endsWith("/") ? text : text + "/") + path;
  }
}
