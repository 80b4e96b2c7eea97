package dev.modmirror.adapters.upstream;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.ModuleVersion;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.core.upstream.health.BreakerState;
import dev.modmirror.core.upstream.health.HealthSettings;
import dev.modmirror.core.upstream.health.HealthSnapshot;
import dev.modmirror.core.upstream.health.Outcome;
import dev.modmirror.core.upstream.health.UpstreamHealth;
import io.opentelemetry.api.trace.Span;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream of a pool behind its circuit breaker: refuses at once while the breaker is open (a
 * transient failure whose cause is {@link FailureReason.BreakerOpen}, so a GOPROXY list falls
 * through on {@code |}), and reports every request's outcome, latency and body ending to the
 * upstream's {@link UpstreamHealth} and to the {@link DownloadMetrics}. Thread-safe.
 */
final class GuardedUpstream implements Upstream {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedUpstream.class);

  private final String name;
  private final Upstream client;
  private final DownloadMetrics metrics;
  private final LongSupplier nanos;
  private final UpstreamHealth health;
  private final boolean enforce;
  private volatile String lastFailure = "";

  /**
   * @param name the metric label and log name: a configured name, or the redacted URL
   * @param enforce whether an open breaker refuses requests; false for an upstream with nowhere to
   *     fail over to, whose breaker then only reports its state
   */
  GuardedUpstream(
      String name,
      Upstream client,
      HealthSettings settings,
      DownloadMetrics metrics,
      LongSupplier nanos,
      boolean enforce) {
    this.name = name;
    this.enforce = enforce;
    this.client = client;
    this.metrics = metrics;
    this.nanos = nanos;
    this.health = new UpstreamHealth(settings, nanos, this::changed);
  }

  String name() {
    return name;
  }

  HealthSnapshot snapshot() {
    return health.snapshot();
  }

  BreakerState breakerState() {
    return health.breakerState();
  }

  /** The cost of sending it the next request (see {@link UpstreamHealth#cost}). */
  double cost(double weight) {
    return health.cost(weight);
  }

  /** The last failure's reason and message, for status output; empty if none yet. */
  String lastFailure() {
    return lastFailure;
  }

  @Override
  public InputStream open(ModuleRef ref, Artifact artifact) {
    String label = artifact.name().toLowerCase(Locale.ROOT);
    UpstreamHealth.Attempt attempt = start(ref.path().value(), ref.version().value());
    InputStream body = call(attempt, label, () -> client.open(ref, artifact));
    Span.current().setAttribute(Telemetry.UPSTREAM, name);
    return new MeteredBody(
        body,
        new MeteredBody.Ending() {
          @Override
          public void succeeded() {
            metrics.succeeded(name, label, nanos.getAsLong() - attempt.startedAt());
          }

          @Override
          public void failed(Exception e) {
            noteFailure(FailureReason.READ_FAILED, e);
            health.bodyFailed();
            metrics.failed(
                name, label, FailureReason.READ_FAILED, nanos.getAsLong() - attempt.startedAt());
          }
        });
  }

  @Override
  public java.util.List<ModuleVersion> list(ModulePath path) {
    UpstreamHealth.Attempt attempt = start(path.value(), null);
    java.util.List<ModuleVersion> versions = call(attempt, "list", () -> client.list(path));
    metrics.succeeded(name, "list", nanos.getAsLong() - attempt.startedAt());
    return versions;
  }

  @Override
  public ModuleVersion latest(ModulePath path) {
    UpstreamHealth.Attempt attempt = start(path.value(), null);
    ModuleVersion version = call(attempt, "latest", () -> client.latest(path));
    metrics.succeeded(name, "latest", nanos.getAsLong() - attempt.startedAt());
    return version;
  }

  /**
   * One active probe: {@code $probe/@v/list}. Any answer by the protocol (a list, or not-found)
   * means the upstream is up; it goes to the breaker whatever its state.
   */
  void probe(ModulePath probe) {
    long started = nanos.getAsLong();
    FailureReason reason = null;
    try {
      client.list(probe);
    } catch (ModmirrorException e) {
      reason = FailureReason.of(e);
      if (reason.outcome() != Outcome.ANSWERED) {
        noteFailure(reason, e);
      }
    }
    long took = nanos.getAsLong() - started;
    health.probed(reason == null ? Outcome.ANSWERED : reason.outcome(), took);
    if (reason == null) {
      metrics.succeeded(name, "probe", took);
    } else {
      metrics.failed(name, "probe", reason, took);
    }
  }

  @Override
  public String describe() {
    return client.describe();
  }

  @Override
  public String toString() {
    return "GuardedUpstream[" + name + "]";
  }

  private UpstreamHealth.Attempt start(String module, String version) {
    if (!enforce) {
      return health.start();
    }
    return health
        .tryStart()
        .orElseThrow(
            () -> {
              metrics.skipped(name);
              return new TransientException(
                  "upstream " + name + " not tried: its circuit breaker is open",
                  module,
                  version,
                  new FailureReason.BreakerOpen());
            });
  }

  private <T> T call(UpstreamHealth.Attempt attempt, String label, Supplier<T> request) {
    T result;
    try {
      result = request.get();
    } catch (ModmirrorException e) {
      FailureReason reason = FailureReason.of(e);
      if (!(e instanceof NotFoundException)) {
        noteFailure(reason, e);
      }
      long took = health.finish(attempt, reason.outcome());
      metrics.failed(name, label, reason, took);
      throw e;
    } catch (RuntimeException e) {
      long took = health.finish(attempt, Outcome.INCONCLUSIVE);
      metrics.failed(name, label, FailureReason.REFUSED, took);
      throw e;
    }
    health.finish(attempt, Outcome.ANSWERED);
    return result;
  }

  private void noteFailure(FailureReason reason, Exception e) {
    lastFailure = reason.label() + ": " + e.getMessage();
  }

  private void changed(BreakerState state) {
    switch (state) {
      case OPEN ->
          LOG.warn("upstream {}: circuit breaker opened; last failure {}", name, lastFailure);
      case HALF_OPEN -> LOG.info("upstream {}: circuit breaker half-open, sending a trial", name);
      case CLOSED -> LOG.info("upstream {}: circuit breaker closed, upstream healthy again", name);
    }
  }
}
