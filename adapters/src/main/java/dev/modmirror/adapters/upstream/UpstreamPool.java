package dev.modmirror.adapters.upstream;

import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Redaction;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.core.upstream.health.HealthSnapshot;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several upstreams behind one {@link Upstream}: each with a circuit breaker fed by real outcomes
 * and by active probes, a recent latency, a five-minute success ratio, and the download metrics
 * ({@link DownloadMetrics}) plus gauges per upstream: {@code module.upstream.breaker.state} (0
 * closed, 1 half-open, 2 open), {@code module.upstream.success.ratio} and {@code
 * module.upstream.latency} (seconds). Two forms, built by {@link Upstreams}:
 *
 * <ul>
 *   <li>the <b>pool</b> form ({@code MODMIRROR_UPSTREAMS}): requests go to the healthy upstream
 *       with the lowest cost and fail over with {@code |} semantics ({@link RankedRouter}); private
 *       modules only ever reach private upstreams;
 *   <li>the <b>GOPROXY</b> form: the list in its order with the go command's {@code ,} and {@code
 *       |} fall-through; an entry's open breaker skips it only where {@code |} lets the request
 *       fall through, elsewhere the breaker just reports.
 * </ul>
 *
 * Close it to stop the probes and gauges. Thread-safe.
 */
public final class UpstreamPool implements Upstream, AutoCloseable {
  private final Upstream router;
  private final List<PoolMember> members;
  private final HealthProber prober;
  private final List<AutoCloseable> gauges = new ArrayList<>();

  UpstreamPool(
      Upstream router,
      List<PoolMember> members,
      Duration probeInterval,
      boolean probe,
      OpenTelemetry telemetry) {
    this.router = router;
    this.members = List.copyOf(members);
    this.prober = probe ? HealthProber.start(this.members, probeInterval) : null;
    registerGauges(telemetry);
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    return router.open(ref, artifact);
  }

  @Override
  public List<ModuleVersion> list(ModulePath path) {
    return router.list(path);
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    return router.latest(path);
  }

  @Override
  public String describe() {
    return router.describe();
  }

  @Override
  public String toString() {
    return "UpstreamPool[" + describe() + "]";
  }

  /** Each upstream's state now, in configuration order. */
  public List<UpstreamStatus> status() {
    List<UpstreamStatus> out = new ArrayList<>();
    for (PoolMember m : members) {
      HealthSnapshot h = m.upstream().snapshot();
      out.add(
          new UpstreamStatus(
              m.upstream().name(),
              Redaction.url(m.upstream().describe()),
              m.isPrivate(),
              m.modules(),
              m.weight(),
              h.breaker() != dev.modmirror.core.upstream.health.BreakerState.OPEN,
              h.breaker(),
              h.latencyMillis(),
              h.successRatio(),
              h.inFlight(),
              h.consecutiveFailures(),
              h.opens(),
              m.upstream().lastFailure()));
    }
    return out;
  }

  /** Probes every upstream once now, in parallel, waiting at most {@code timeout}. */
  public void probeNow(Duration timeout) {
    HealthProber.probeAll(members, timeout);
  }

  /** Stops the probes and the gauges. Idempotent. */
  @Override
  public void close() {
    if (prober != null) {
      prober.close();
    }
    for (AutoCloseable g : gauges) {
      try {
        g.close();
      } catch (Exception e) {
        // A gauge that cannot unregister only keeps reporting the last state.
      }
    }
    gauges.clear();
  }

  private void registerGauges(OpenTelemetry telemetry) {
    Meter meter = telemetry.getMeter(Telemetry.SCOPE);
    gauges.add(
        meter
            .gaugeBuilder("module.upstream.breaker.state")
            .ofLongs()
            .setDescription("Circuit breaker per upstream: 0 closed, 1 half-open, 2 open")
            .buildWithCallback(
                g ->
                    members.forEach(
                        m -> g.record(m.upstream().breakerState().gauge(), attributes(m)))));
    gauges.add(
        meter
            .gaugeBuilder("module.upstream.success.ratio")
            .setDescription("Answered / all requests per upstream over the last five minutes")
            .buildWithCallback(
                g ->
                    members.forEach(
                        m ->
                            m.upstream()
                                .snapshot()
                                .successRatio()
                                .ifPresent(r -> g.record(r, attributes(m))))));
    gauges.add(
        meter
            .gaugeBuilder("module.upstream.latency")
            .setUnit("s")
            .setDescription("Recent latency per upstream (peak EWMA of answers)")
            .buildWithCallback(
                g ->
                    members.forEach(
                        m ->
                            g.record(
                                m.upstream().snapshot().latencyMillis() / 1000, attributes(m)))));
  }

  private static Attributes attributes(PoolMember m) {
    return Attributes.of(DownloadMetrics.UPSTREAM, m.upstream().name());
  }
}
