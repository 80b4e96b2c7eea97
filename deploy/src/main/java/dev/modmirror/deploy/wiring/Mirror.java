package dev.modmirror.deploy.wiring;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.sumdb.ChecksumPolicy;
import dev.modmirror.core.upstream.Upstream;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.replicator.ReplicateVersion;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.replicator.ReplicatorService;
import dev.modmirror.warmer.WarmModuleVersion;
import dev.modmirror.warmer.WarmerConfig;
import dev.modmirror.warmer.WarmerService;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Ingest, a warmer and a replicator for every region, running in one process over given ports. */
public final class Mirror implements AutoCloseable {
  private final IngestGoMod ingest;
  private final WarmerService warmer;
  private final ReplicatorService replicator;

  private Mirror(IngestGoMod ingest, WarmerService warmer, ReplicatorService replicator) {
    this.ingest = ingest;
    this.warmer = warmer;
    this.replicator = replicator;
  }

  /**
   * The adapters a mirror runs over.
   *
   * @param regions one store per region, each named after its region
   */
  public record Parts(
      EventBus bus,
      ModuleStore primary,
      List<ModuleStore> regions,
      Upstream upstream,
      ChecksumPolicy checksums,
      OpenTelemetry telemetry,
      Clock clock) {
    public Parts {
      Objects.requireNonNull(bus, "bus");
      Objects.requireNonNull(primary, "primary");
      Objects.requireNonNull(upstream, "upstream");
      Objects.requireNonNull(checksums, "checksums");
      Objects.requireNonNull(telemetry, "telemetry");
      Objects.requireNonNull(clock, "clock");
      regions = List.copyOf(regions);
    }
  }

  /** Starts the warmer and the region replicators; returns at once. */
  public static Mirror start(Parts parts, WarmerConfig warmerConfig, ReplicatorConfig replicas) {
    var warm =
        new WarmModuleVersion(
            parts.upstream(),
            parts.primary(),
            parts.checksums(),
            parts.bus(),
            parts.telemetry(),
            warmerConfig,
            parts.clock());
    List<ReplicateVersion> regions =
        parts.regions().stream()
            .map(
                region ->
                    new ReplicateVersion(
                        parts.primary(),
                        region,
                        parts.bus(),
                        parts.telemetry(),
                        replicas,
                        parts.clock()))
            .toList();
    return new Mirror(
        new IngestGoMod(parts.bus(), parts.telemetry(), parts.clock()),
        WarmerService.start(parts.bus(), warm, warmerConfig),
        ReplicatorService.start(parts.bus(), regions, replicas));
  }

  /** The go.mod ingest use case of this mirror. */
  public IngestGoMod ingest() {
    return ingest;
  }

  @Override
  public void close() {
    warmer.close();
    replicator.close();
  }
}
