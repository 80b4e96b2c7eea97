package dev.modmirror.adapters.telemetry;

import dev.modmirror.core.error.InvalidInputException;
import java.util.Map;

/**
 * What a process adds to the standard {@code OTEL_*} variables, which the SDK's autoconfigure
 * module reads itself (docs/configuration.md lists the ones modmirror relies on).
 *
 * @param serviceName the {@code service.name} unless {@code OTEL_SERVICE_NAME} names another
 * @param logSpans with no OTLP endpoint and no {@code OTEL_TRACES_EXPORTER}, log spans ({@code
 *     dev}) rather than export nothing (the services)
 * @param properties autoconfigure properties ({@code otel.*}) under the process's own {@code
 *     OTEL_*} variables and system properties, which win; empty in production
 */
public record TelemetryConfig(
    String serviceName, boolean logSpans, Map<String, String> properties) {

  /**
   * @throws InvalidInputException if the service name is empty
   */
  public TelemetryConfig {
    if (serviceName == null || serviceName.isBlank()) {
      throw new InvalidInputException("telemetry config: service name is empty");
    }
    properties = Map.copyOf(properties);
  }

  /** A production service: OTLP where an endpoint is set, else nothing exported. */
  public static TelemetryConfig service(String serviceName) {
    return new TelemetryConfig(serviceName, false, Map.of());
  }

  /** Dev mode: OTLP where an endpoint is set, else spans logged. */
  public static TelemetryConfig dev(String serviceName) {
    return new TelemetryConfig(serviceName, true, Map.of());
  }

  /** The same, with autoconfigure properties under the environment's (tests, benches). */
  public TelemetryConfig withProperties(Map<String, String> more) {
    java.util.HashMap<String, String> all = new java.util.HashMap<>(properties);
    all.putAll(more);
    return new TelemetryConfig(serviceName, logSpans, all);
  }
}
