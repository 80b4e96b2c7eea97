package dev.modmirror.warmer;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.Delivery;
import dev.modmirror.core.event.Event;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.FailureStatus;
import dev.modmirror.core.event.Handled;
import dev.modmirror.core.event.RequestSource;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.event.WarmOutcome;
import dev.modmirror.core.event.WarmRequested;
import dev.modmirror.core.event.Worker;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.sumdb.SumDbException;
import dev.modmirror.core.telemetry.LogContext;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import dev.modmirror.core.upstream.NotMirrored;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.core.zip.ZipRuleException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms one requested module version and publishes exactly one outcome for it: {@link
 * VersionWarmed} (stored now, already present or repaired), or {@link VersionFailed} with the
 * reason. A conflict (the primary holds other bytes for the version) ends {@link
 * FailureStatus#CONFLICT} and is also recorded as a {@link VersionConflict}, counted and logged at
 * error level with both hashes. A transient failure (a 5xx, a timeout, a store that does not
 * answer) is retried later through the bus, without holding back other versions, until the last
 * attempt, which records it failed: every request ends recorded, never silently dropped.
 */
public final class WarmModuleVersion implements Worker<WarmRequested> {
  private static final Logger LOG = LoggerFactory.getLogger(WarmModuleVersion.class);

  /** The error kind of a request for a purged version. */
  public static final String PURGED = "purged";

  private final FetchAndStore fetchAndStore;
  private final BatchedReleases releases;
  private final EventBus bus;
  private final Tracer tracer;
  private final WarmMetrics metrics;
  private final LongCounter outcomes;
  private final LongCounter conflicts;
  private final LongCounter verifyFailures;
  private final String upstreamName;
  private final String storeName;
  private final ModuleStore primary;
  private final Clock clock;

  public WarmModuleVersion(
      Upstream upstream,
      ModuleStore primary,
      ChecksumPolicy checksums,
      EventBus bus,
      OpenTelemetry telemetry,
      WarmerConfig config,
      Clock clock) {
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.metrics = new WarmMetrics(telemetry);
    this.releases = new BatchedReleases(primary);
    this.fetchAndStore =
        new FetchAndStore(
            new MeteredUpstream(upstream, telemetry.getMeter(Telemetry.SCOPE)),
            new OneWriterPerModule(releases),
            checksums,
            tracer,
            config);
    this.bus = bus;
    this.clock = clock;
    var meter = telemetry.getMeter(Telemetry.SCOPE);
    this.outcomes =
        meter
            .counterBuilder("modmirror.warmer.outcomes")
            .setDescription("Requested module versions by outcome")
            .build();
    this.conflicts =
        telemetry
            .getMeter(Telemetry.SCOPE)
            .counterBuilder(Telemetry.METRIC_CONFLICTS)
            .setDescription("Bytes refused because a store holds other bytes for the version")
            .build();
    this.upstreamName = upstream.describe();
    this.storeName = primary.name();
    this.verifyFailures =
        meter
            .counterBuilder("modmirror.warmer.verify.failures")
            .setDescription("Versions refused by verification, by the rule they broke")
            .build();
    this.primary = primary;
  }

  /**
   * Handles one delivery of a deduplicated request: warms the version and publishes its outcome, or
   * asks for a later attempt after a transient failure while attempts are left. Safe to repeat. The
   * span names the first source and every source that asked, so a trace shows why it was warmed.
   *
   * @throws dev.modmirror.core.error.TransientException if the outcome could not be published; the
   *     bus then hands the request over again (the version may already be stored: repeating is
   *     harmless)
   */
  @Override
  public Handled handle(WarmRequested request, Delivery delivery) {
    ModuleRef ref = request.ref();
    Span span =
        Spans.forRef(tracer, Telemetry.SPAN_WARMER_WARM, ref)
            .setAttribute(Telemetry.SOURCE, request.sources().get(0).name())
            .setAttribute(
                Telemetry.SOURCES, request.sources().stream().map(RequestSource::name).toList())
            .setAttribute(Telemetry.PRIORITY, request.priority().name())
            .setAttribute(Telemetry.ATTEMPT, (long) delivery.attempt())
            .startSpan();
    long started = System.nanoTime();
    try (Scope ignored = LogContext.enter(span, ref)) {
      Attempt attempt = warm(ref, span, delivery);
      if (attempt.retryReason() != null) {
        return Handled.retryLater(attempt.retryReason());
      }
      // The duration of this delivery; a retried version's earlier attempts are not in it.
      metrics.record(attempt.outcome(), request.priority(), started);
      if (attempt.outcome() instanceof VersionWarmed warmed) {
        bus.publish(Topics.WARMED, warmed);
      } else if (attempt.outcome() instanceof VersionConflict conflict) {
        bus.publish(Topics.CONFLICTS, conflict);
        bus.publish(
            Topics.FAILED,
            VersionFailed.of(
                ref,
                FailureStatus.CONFLICT,
                VersionConflict.ERROR_KIND,
                conflict.describe(),
                conflict.detectedAt()));
      } else {
        bus.publish(Topics.FAILED, (VersionFailed) attempt.outcome());
      }
      return Handled.done();
    } finally {
      span.end();
    }
  }

  /**
   * Removes the pending records of versions completed so far that still wait for their batch: at
   * shutdown, once no version is in flight. Does not throw.
   */
  public void flushReleases() {
    releases.flush();
  }

  /** An outcome to publish, or the reason to try again later. */
  private record Attempt(Event outcome, String retryReason) {}

  private Attempt warm(ModuleRef ref, Span span, Delivery delivery) {
    try {
      // A version an operator purged stays purged until un-purged: no request brings it back.
      if (primary.hasRecord(ObjectKeys.tombstone(ref))) {
        count("failed", PURGED);
        LOG.info("not warmed {}: purged (modmirror purge --undo brings it back)", ref);
        return new Attempt(
            VersionFailed.of(
                ref,
                FailureStatus.FAILED,
                PURGED,
                "purged by an operator; modmirror purge --undo " + ref + " lets it be warmed again",
                clock.instant()),
            null);
      }
      FetchAndStore.Attempt attempt = fetchAndStore.run(ref);
      if (attempt.outcome() instanceof SaveOutcome.Conflict conflict) {
        return new Attempt(conflict(conflict, span), null);
      }
      SaveOutcome.Complete complete = (SaveOutcome.Complete) attempt.outcome();
      WarmOutcome how = WarmOutcome.of(complete);
      VersionWarmed warmed =
          VersionWarmed.of(
              ref,
              complete.hashes().h1(),
              complete.hashes().goModH1(),
              attempt.zipSize(),
              clock.instant(),
              how);
      span.setAttribute(Telemetry.H1, warmed.h1());
      count(how == WarmOutcome.STORED ? "warmed" : how.label(), "none");
      LOG.info("warmed {} {} ({})", ref, warmed.h1(), how);
      return new Attempt(warmed, null);
    } catch (TransientException e) {
      Spans.fail(span, e);
      if (!delivery.lastAttempt()) {
        count("retried", e.kind());
        LOG.info(
            "attempt {} of {} at {} failed, retrying later: {}",
            delivery.attempt(),
            delivery.maxAttempts(),
            ref,
            e.getMessage());
        return new Attempt(null, e.getMessage());
      }
      return new Attempt(failed(ref, span, e, delivery), null);
    } catch (ModmirrorException e) {
      return new Attempt(failed(ref, span, e, delivery), null);
    } catch (RuntimeException e) {
      // A bug or an unexpected library failure: still end the request with a recorded reason.
      Spans.fail(span, e);
      count("failed", "internal");
      LOG.error("warming {} failed unexpectedly", ref, e);
      return new Attempt(
          VersionFailed.of(ref, FailureStatus.FAILED, "internal", e.toString(), clock.instant()),
          null);
    }
  }

  private VersionConflict conflict(SaveOutcome.Conflict conflict, Span span) {
    VersionConflict event = VersionConflict.of(conflict, storeName, upstreamName, clock.instant());
    span.setStatus(StatusCode.ERROR, "conflict");
    span.setAttribute(Telemetry.ERROR_KIND, VersionConflict.ERROR_KIND);
    count("conflict", VersionConflict.ERROR_KIND);
    conflicts.add(1, Attributes.of(Telemetry.STORE, storeName));
    LOG.error("CONFLICT {}: {}", conflict.ref(), event.describe());
    return event;
  }

  private VersionFailed failed(ModuleRef ref, Span span, ModmirrorException e, Delivery delivery) {
    Spans.fail(span, e);
    rule(e)
        .ifPresent(
            rule -> {
              span.setAttribute(Telemetry.RULE, rule);
              verifyFailures.add(1, Attributes.of(Telemetry.RULE, rule));
            });
    FailureStatus status = status(e);
    count(status.name().toLowerCase(java.util.Locale.ROOT), e.kind());
    logFailure(ref, e);
    String reason =
        e instanceof TransientException && delivery.attempt() > 1
            ? "after " + delivery.attempt() + " attempts: " + e.getMessage()
            : e.getMessage();
    return VersionFailed.of(ref, status, e.kind(), reason, clock.instant());
  }

  /** The named rule an input broke, for the span: a zip rule or a checksum-database rule. */
  private static Optional<String> rule(ModmirrorException e) {
    if (e instanceof ZipRuleException zip) {
      return Optional.of(zip.rule().id());
    }
    if (e instanceof SumDbException sumdb) {
      return Optional.of(sumdb.rule().id());
    }
    return Optional.empty();
  }

  private static FailureStatus status(ModmirrorException e) {
    if (NotMirrored.isPrivate(e)) {
      return FailureStatus.PRIVATE;
    }
    return e instanceof NotFoundException ? FailureStatus.NOT_FOUND : FailureStatus.FAILED;
  }

  private void logFailure(ModuleRef ref, ModmirrorException e) {
    if (e instanceof InvalidInputException || e instanceof TransientException) {
      LOG.warn("not warmed {} [{}]: {}", ref, e.kind(), e.getMessage());
    } else {
      LOG.info("not warmed {} [{}]: {}", ref, e.kind(), e.getMessage());
    }
  }

  private void count(String status, String kind) {
    outcomes.add(
        1,
        Attributes.builder().put(Telemetry.STATUS, status).put(Telemetry.ERROR_KIND, kind).build());
  }
}
