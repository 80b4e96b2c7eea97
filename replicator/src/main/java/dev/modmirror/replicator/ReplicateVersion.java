package dev.modmirror.replicator;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.Retry;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.telemetry.LogContext;
import dev.modmirror.core.telemetry.Spans;
import dev.modmirror.core.telemetry.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one warmed module version to one region and publishes the outcome. Each region has its own
 * instance, fed by its own consumer group. A region that holds other bytes for the version is never
 * overwritten: the copy ends {@code ok=false} with a conflict reason, and a {@link VersionConflict}
 * is published, counted and logged at error level with both hashes.
 */
public final class ReplicateVersion {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicateVersion.class);

  private final String region;
  private final ModuleStore regionStore;
  private final VerifiedCopy copy;
  private final SharedReads reads; // null: this region's copies read the primary for themselves
  private final ModuleStore primary;
  private final UnreplicatedVersions unreplicated;
  private final EventBus bus;
  private final Tracer tracer;
  private final Retry retry;
  private final LongCounter copies;
  private final LongCounter conflicts;
  private final DoubleHistogram lag;
  private final Clock clock;

  /**
   * A copier for one region whose copies read the primary for themselves ({@link #forRegions}
   * shares the reads among regions).
   */
  public ReplicateVersion(
      ModuleStore primary,
      ModuleStore regionStore,
      EventBus bus,
      OpenTelemetry telemetry,
      ReplicatorConfig config,
      Clock clock) {
    this(primary, regionStore, bus, telemetry, config, clock, null);
  }

  private ReplicateVersion(
      ModuleStore primary,
      ModuleStore regionStore,
      EventBus bus,
      OpenTelemetry telemetry,
      ReplicatorConfig config,
      Clock clock,
      SharedReads reads) {
    this.reads = reads;
    this.region = regionStore.name();
    this.regionStore = regionStore;
    this.copy =
        new VerifiedCopy(
            primary, regionStore, config.spoolDir(), CopyTasks.pool("replicate-" + region));
    this.primary = primary;
    this.unreplicated = new UnreplicatedVersions(primary);
    this.bus = bus;
    this.tracer = telemetry.getTracer(Telemetry.SCOPE);
    this.retry = Retry.of(config.maxAttempts(), config.backoff());
    this.clock = clock;
    this.copies =
        telemetry
            .getMeter(Telemetry.SCOPE)
            .counterBuilder("modmirror.replicator.copies")
            .setDescription("Module versions copied to a region, by outcome")
            .build();
    this.conflicts =
        telemetry
            .getMeter(Telemetry.SCOPE)
            .counterBuilder(Telemetry.METRIC_CONFLICTS)
            .setDescription("Bytes refused because a store holds other bytes for the version")
            .build();
    this.lag =
        telemetry
            .getMeter(Telemetry.SCOPE)
            .histogramBuilder("modmirror.replicator.lag")
            .setDescription("Time from a version warmed in the primary to its copy in the region")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(
                java.util.List.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 3600.0))
            .build();
  }

  /**
   * One copier per region of {@code regions}, in order, sharing the primary's reads: a version new
   * to several regions is read from the primary and verified once for them ({@link
   * VerifiedCopy#run(VersionWarmed, SharedReads)}), while each region keeps its own consumers,
   * inspection, retries and outcome. A read is kept for regions that have not copied it yet among
   * at most one region's copies in flight ({@link ReplicatorConfig#consumers} × {@link
   * ReplicatorConfig#inFlight}): scratch disk holds the zips of the copies in flight plus that
   * many. Closing the returned copiers removes the reads kept.
   */
  public static Copiers forRegions(
      ModuleStore primary,
      List<ModuleStore> regions,
      EventBus bus,
      OpenTelemetry telemetry,
      ReplicatorConfig config,
      Clock clock) {
    // A region the primary's server copies to reads no zip through this process.
    int streaming =
        (int) regions.stream().filter(r -> !VerifiedCopy.copiesOnServer(primary, r)).count();
    SharedReads reads =
        SharedReads.ofPrimary(
            primary,
            streaming,
            config.consumers() * config.inFlight(),
            config.spoolDir(),
            CopyTasks.pool("replicate-primary"));
    List<ReplicateVersion> copiers = new ArrayList<>();
    for (ModuleStore region : regions) {
      copiers.add(new ReplicateVersion(primary, region, bus, telemetry, config, clock, reads));
    }
    return new Copiers(List.copyOf(copiers), reads);
  }

  /** The copiers of {@link #forRegions}; closing removes the primary's reads kept for them. */
  public static final class Copiers implements AutoCloseable {
    private final List<ReplicateVersion> regions;
    private final SharedReads reads;

    private Copiers(List<ReplicateVersion> regions, SharedReads reads) {
      this.regions = regions;
      this.reads = reads;
    }

    /** One per region, in the order given. */
    public List<ReplicateVersion> regions() {
      return regions;
    }

    @Override
    public void close() {
      reads.close();
    }
  }

  /** The region this instance copies to. */
  public String region() {
    return region;
  }

  /**
   * Copies the version and starts publishing its {@link RegionReplicated}, without waiting for the
   * bus to store it: the returned stage completes when it has (or fails, and the warmed event is
   * then to be handled again). Safe to repeat. A version whose copy exhausts its attempts is
   * recorded as pending for this region ({@link UnreplicatedVersions}) for reconcile to copy, never
   * dropped; a purged version is not copied.
   *
   * @throws dev.modmirror.core.error.TransientException if a failed copy cannot even be recorded as
   *     pending (the primary is unreachable too): the bus then keeps the record (dead letter)
   */
  public CompletionStage<Void> handle(VersionWarmed warmed) {
    ModuleRef ref = warmed.ref();
    Span span =
        Spans.forRef(tracer, Telemetry.SPAN_REPLICATOR_COPY, ref)
            .setAttribute(Telemetry.REGION, region)
            .startSpan();
    try (Scope ignored = LogContext.enter(span, ref)) {
      return bus.publishAsync(Topics.REPLICATED, replicate(warmed, span));
    } finally {
      span.end();
    }
  }

  private RegionReplicated replicate(VersionWarmed warmed, Span span) {
    ModuleRef ref = warmed.ref();
    try {
      if (Purge.isPurged(primary, ref)) {
        count("purged", "none");
        LOG.info("not replicating {} to {}: purged", ref, region);
        return RegionReplicated.failed(ref, region, "purged", clock.instant());
      }
      SaveOutcome saved =
          retry.run(() -> reads == null ? copy.run(warmed) : copy.run(warmed, reads));
      if (saved instanceof SaveOutcome.Conflict conflict) {
        return conflict(conflict, span);
      }
      if (!((SaveOutcome.Complete) saved).listed()) {
        relist(ref);
      }
      count("ok", "none");
      // How far behind the primary this region is: from warmed to copied here.
      lag.record(
          Math.max(0, Duration.between(warmed.warmedAt(), clock.instant()).toMillis()) / 1e3,
          Attributes.of(Telemetry.REGION, region));
      LOG.info("replicated {} to {} ({})", ref, region, saved.getClass().getSimpleName());
      return RegionReplicated.ok(ref, region, clock.instant());
    } catch (ModmirrorException e) {
      Spans.fail(span, e);
      count("failed", e.kind());
      LOG.warn(
          "replicating {} to {} failed [{}], left pending for reconcile: {}",
          ref,
          region,
          e.kind(),
          e.getMessage());
      return pending(warmed, e.kind() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      Spans.fail(span, e);
      count("failed", "internal");
      LOG.error("replicating {} to {} failed, left pending for reconcile", ref, region, e);
      return pending(warmed, "internal: " + e);
    }
  }

  /** Records the version as pending in this region; the failure is reported, not lost. */
  private RegionReplicated pending(VersionWarmed warmed, String reason) {
    unreplicated.record(region, warmed.ref(), warmed.warmedAt(), reason, clock.instant());
    return RegionReplicated.failed(warmed.ref(), region, reason, clock.instant());
  }

  private RegionReplicated conflict(SaveOutcome.Conflict conflict, Span span) {
    VersionConflict event = VersionConflict.of(conflict, region, "primary", clock.instant());
    bus.publish(Topics.CONFLICTS, event);
    span.setStatus(StatusCode.ERROR, "conflict");
    span.setAttribute(Telemetry.ERROR_KIND, VersionConflict.ERROR_KIND);
    count("conflict", VersionConflict.ERROR_KIND);
    conflicts.add(1, Attributes.of(Telemetry.STORE, region));
    LOG.error("CONFLICT {}: {}", conflict.ref(), event.describe());
    return RegionReplicated.failed(
        conflict.ref(),
        region,
        VersionConflict.ERROR_KIND + ": " + event.describe(),
        clock.instant());
  }

  /** The version is complete in the region; only its list is behind. */
  private void relist(ModuleRef ref) {
    try {
      retry.run(
          () -> {
            regionStore.rebuildList(ref.path());
            return null;
          });
    } catch (ModmirrorException e) {
      LOG.warn(
          "replicated {} to {} but its @v/list could not be rebuilt: {}",
          ref,
          region,
          e.getMessage());
    }
  }

  private void count(String status, String kind) {
    copies.add(
        1,
        Attributes.builder()
            .put(Telemetry.STATUS, status)
            .put(Telemetry.REGION, region)
            .put(Telemetry.ERROR_KIND, kind)
            .build());
  }
}
