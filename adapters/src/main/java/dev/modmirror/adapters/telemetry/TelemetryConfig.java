package dev.modmirror.adapters.telemetry;

import dev.modmirror.core.error.InvalidInputException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a service reports telemetry.
 *
 * @param serviceName the {@code service.name} resource attribute, e.g. {@code modmirror-warmer}
 * @param otlpEndpoint the OTLP/HTTP base URL (e.g. {@code http://collector:4318}); empty exports
 *     nothing, while trace context is still created and propagated
 * @param samplingRatio the share of new traces recorded, 0 to 1; a trace started elsewhere follows
 *     its parent's decision
 */
public record TelemetryConfig(
    String serviceName, Optional<URI> otlpEndpoint, double samplingRatio) {

  /**
   * @throws InvalidInputException listing every problem at once
   */
  public TelemetryConfig {
    List<String> problems = new ArrayList<>();
    if (serviceName == null || serviceName.isBlank()) {
      problems.add("service name is empty");
    }
    otlpEndpoint = otlpEndpoint == null ? Optional.empty() : otlpEndpoint;
    otlpEndpoint.ifPresent(uri -> checkEndpoint(uri, problems));
    if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
      problems.add("sampling ratio " + samplingRatio + " is not between 0 and 1");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("telemetry config: " + String.join("; ", problems));
    }
  }

  /** Records every trace and exports nothing. */
  public static TelemetryConfig local(String serviceName) {
    return new TelemetryConfig(serviceName, Optional.empty(), 1.0);
  }

  private static void checkEndpoint(URI uri, List<String> problems) {
    String scheme = uri.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
      problems.add("OTLP endpoint " + uri + " is not an http(s) URL with a host");
    }
  }
}
