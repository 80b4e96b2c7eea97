package dev.modmirror.warmer;

import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmPriority;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Locale;

/**
 * The warmer's latency and volume: {@code modmirror.warmer.duration} (seconds from taking the
 * delivery that ended a request to its outcome, by outcome and lane: earlier attempts of a retried
 * version, and its wait on the retry topics, are not in it) and {@code modmirror.warmer.zip.bytes}
 * (bytes of verified zips stored). Outcomes by reason are {@code modmirror.warmer.outcomes}.
 */
final class WarmMetrics {
  private static final List<Double> BUCKETS =
      List.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

  private final DoubleHistogram duration;
  private final LongCounter zipBytes;

  WarmMetrics(OpenTelemetry telemetry) {
    Meter meter = telemetry.getMeter(Telemetry.SCOPE);
    this.duration =
        meter
            .histogramBuilder("modmirror.warmer.duration")
            .setDescription("Time from taking a warm request to its outcome, retries included")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(BUCKETS)
            .build();
    this.zipBytes =
        meter
            .counterBuilder("modmirror.warmer.zip.bytes")
            .setDescription("Bytes of verified zips fetched and stored in the primary bucket")
            .setUnit("By")
            .build();
  }

  void record(Event outcome, WarmPriority lane, long startedNanos) {
    String status =
        outcome instanceof VersionFailed failed
            ? failed.status().name().toLowerCase(Locale.ROOT)
            : "warmed";
    duration.record(
        (System.nanoTime() - startedNanos) / 1e9,
        Attributes.of(Telemetry.STATUS, status, Telemetry.PRIORITY, lane.name()));
    if (outcome instanceof VersionWarmed warmed) {
      zipBytes.add(warmed.zipSize());
    }
  }
}
