package dev.modmirror.adapters.upstream;

import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * The download metrics by upstream, with the names platform teams know from Go module mirrors
 * (exported to Prometheus as {@code module_download_duration_seconds}, {@code
 * module_download_success_total} and {@code module_download_failure_total}): one sample per request
 * to one upstream, labelled {@code upstream} (its configured name, or its redacted URL in the
 * GOPROXY form), {@code artifact} ({@code info}, {@code mod}, {@code zip}, {@code list}, {@code
 * latest}, {@code probe}) and, for failures, {@code reason} ({@link FailureReason}). Labels never
 * hold credentials, module names or versions.
 */
final class DownloadMetrics {
  static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("upstream");
  static final AttributeKey<String> ARTIFACT = AttributeKey.stringKey("artifact");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  private final DoubleHistogram duration;
  private final LongCounter success;
  private final LongCounter failure;
  private final LongCounter skipped;

  DownloadMetrics(OpenTelemetry telemetry) {
    Meter meter = telemetry.getMeter(Telemetry.SCOPE);
    this.duration =
        meter
            .histogramBuilder("module.download.duration")
            .setUnit("s")
            .setDescription("Time of one request to one upstream, to the end of its body")
            .setExplicitBucketBoundariesAdvice(
                List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0))
            .build();
    this.success =
        meter
            .counterBuilder("module.download.success")
            .setDescription("Requests an upstream answered with content, by upstream and artifact")
            .build();
    this.failure =
        meter
            .counterBuilder("module.download.failure")
            .setDescription("Requests that brought no content, by upstream, artifact and reason")
            .build();
    this.skipped =
        meter
            .counterBuilder("module.upstream.skipped")
            .setDescription("Requests not sent to an upstream because its breaker was open")
            .build();
  }

  void succeeded(String upstream, String artifact, long nanos) {
    Attributes a = Attributes.of(UPSTREAM, upstream, ARTIFACT, artifact);
    success.add(1, a);
    duration.record(nanos / 1e9, a.toBuilder().put(OUTCOME, "success").build());
  }

  void failed(String upstream, String artifact, FailureReason reason, long nanos) {
    Attributes a = Attributes.of(UPSTREAM, upstream, ARTIFACT, artifact, REASON, reason.label());
    failure.add(1, a);
    duration.record(
        nanos / 1e9,
        Attributes.of(UPSTREAM, upstream, ARTIFACT, artifact, OUTCOME, reason.label()));
  }

  void skipped(String upstream) {
    skipped.add(1, Attributes.of(UPSTREAM, upstream, REASON, FailureReason.BREAKER_OPEN.label()));
  }
}
