package dev.modmirror.replicator;

import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges {@code modmirror.replicator.pending} (versions waiting for reconcile, by region),
 * {@code modmirror.replicator.queued} (warmed events the region's replicator has not handled yet)
 * and {@code modmirror.replicator.pending.lag} (seconds: now − warmed time of the oldest version
 * pending or queued). The records are listed every {@code interval} in a thread of their own, never
 * on a metrics collection; a listing that fails keeps the previous values and is logged.
 */
public final class PendingGauges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PendingGauges.class);

  private final AtomicReference<List<VersionStatus.RegionLag>> last =
      new AtomicReference<>(List.of());
  private final ScheduledExecutorService refresher;
  private final ObservableLongGauge pending;
  private final ObservableDoubleGauge lag;
  private final ObservableLongGauge queued;

  private PendingGauges(VersionStatus status, OpenTelemetry telemetry, Duration interval) {
    Meter meter = telemetry.getMeter(Telemetry.SCOPE);
    this.pending =
        meter
            .gaugeBuilder("modmirror.replicator.pending")
            .setDescription("Versions whose copy to a region gave up, waiting for reconcile")
            .ofLongs()
            .buildWithCallback(
                m ->
                    last.get().stream()
                        .filter(r -> r.pending() >= 0)
                        .forEach(
                            r ->
                                m.record(
                                    r.pending(), Attributes.of(Telemetry.REGION, r.region()))));
    this.queued =
        meter
            .gaugeBuilder("modmirror.replicator.queued")
            .setDescription("Warmed events a region's replicator has not handled yet")
            .ofLongs()
            .buildWithCallback(
                m ->
                    last.get().stream()
                        .filter(r -> r.queued() >= 0)
                        .forEach(
                            r ->
                                m.record(r.queued(), Attributes.of(Telemetry.REGION, r.region()))));
    this.lag =
        meter
            .gaugeBuilder("modmirror.replicator.pending.lag")
            .setDescription("Now minus the warmed time of a region's oldest pending version")
            .setUnit("s")
            .buildWithCallback(
                m ->
                    last.get()
                        .forEach(
                            r ->
                                m.record(
                                    r.lag().toMillis() / 1e3,
                                    Attributes.of(Telemetry.REGION, r.region()))));
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "modmirror-pending-gauges");
              t.setDaemon(true);
              return t;
            });
    refresher.scheduleWithFixedDelay(
        () -> refresh(status), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts counting now and every {@code interval}. */
  public static PendingGauges start(
      VersionStatus status, OpenTelemetry telemetry, Duration interval) {
    return new PendingGauges(status, telemetry, interval);
  }

  /** The values the gauges report now. */
  public List<VersionStatus.RegionLag> current() {
    return last.get();
  }

  private void refresh(VersionStatus status) {
    try {
      last.set(status.regions());
    } catch (RuntimeException e) {
      LOG.warn("pending gauges: counting failed, keeping the last values: {}", e.toString());
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    pending.close();
    queued.close();
    lag.close();
  }
}
