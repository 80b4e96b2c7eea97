package dev.modmirror.deploy.wiring;

import dev.modmirror.adapters.http.HttpSecurity;
import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.io.ScratchDir;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.deploy.serve.GoproxyHttp;
import dev.modmirror.ingest.IngestGoMod;
import dev.modmirror.ingest.gomod.GoModIngestion;
import dev.modmirror.ingest.gomod.GraphBounds;
import dev.modmirror.ingest.gomod.ModuleGraph;
import dev.modmirror.replicator.PendingGauges;
import dev.modmirror.replicator.Purge;
import dev.modmirror.replicator.Reconciler;
import dev.modmirror.replicator.ReplicateVersion;
import dev.modmirror.replicator.ReplicatorConfig;
import dev.modmirror.replicator.ReplicatorService;
import dev.modmirror.replicator.VersionStatus;
import dev.modmirror.serve.ServeGoproxy;
import dev.modmirror.warmer.WarmModuleVersion;
import dev.modmirror.warmer.WarmerConfig;
import dev.modmirror.warmer.WarmerService;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one assembly of modmirror's services, as athens' {@code download.New(opts, wrappers…)} is of
 * its download protocol: the production commands, dev mode, the warm benchmark and the end-to-end
 * tests all build their services here, over {@link Parts}, so a service is wired the same way
 * wherever it runs. Only the parts differ.
 *
 * <p>Each method asks the parts for what its service uses and nothing more. A new service (another
 * ingest source, serving, reconciliation) gets a method here, built from the same parts; the entry
 * points then start it like the others.
 */
public final class Services {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);
  private final Parts parts;

  private Services(Parts parts) {
    this.parts = parts;
  }

  /** The services over these parts; builds nothing yet. */
  public static Services over(Parts parts) {
    return new Services(parts);
  }

  /** The go.mod ingest use case: publishes one warm request per required version. Uses the bus. */
  public IngestGoMod ingestGoMod() {
    return new IngestGoMod(parts.bus(), parts.telemetry(), parts.clock());
  }

  /**
   * go.mod ingestion as the go command reads go.mod files (sources, replace/exclude, the module
   * graph for {@code --with-deps} and old {@code go} lines), publishing through {@code publisher}.
   * Uses the bus and the upstream.
   */
  public GoModIngestion goModIngestion(IngestGoMod publisher, GraphBounds bounds) {
    return new GoModIngestion(publisher, Optional.of(new ModuleGraph(parts.upstream(), bounds)));
  }

  /**
   * Starts the warmer's consumers in its group; returns at once. Uses the bus, the upstream, the
   * checksum policy and the primary store.
   */
  public WarmerService startWarmer(WarmerConfig config) {
    ScratchDir scratch = claim(config.spoolDir(), "modmirror-warmer");
    WarmerConfig own = config.withSpoolDir(scratch.path());
    try {
      var warm =
          new WarmModuleVersion(
              parts.upstream(),
              parts.primary(),
              parts.checksums(),
              parts.bus(),
              parts.telemetry(),
              own,
              parts.clock());
      return WarmerService.start(parts.bus(), warm, own, scratch);
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
  }

  /**
   * This process's own spool directory under {@code parent}; what a killed process left there is
   * removed first.
   */
  private static ScratchDir claim(java.nio.file.Path parent, String prefix) {
    ScratchDir scratch = ScratchDir.claim(parent, prefix);
    scratch
        .removed()
        .forEach(dir -> LOG.info("removed spool directory {} left by a process that is gone", dir));
    return scratch;
  }

  /**
   * Starts a replicator for every region of the parts, each in its own consumer group; returns at
   * once. Uses the bus, the primary store and the region stores.
   */
  public ReplicatorService startReplicator(ReplicatorConfig config) {
    ScratchDir scratch = claim(config.spoolDir(), "modmirror-replicator");
    ReplicatorConfig own = config.withSpoolDir(scratch.path());
    try {
      // The regions share the primary's reads: a version is read and verified once for all.
      ReplicateVersion.Copiers copiers =
          ReplicateVersion.forRegions(
              parts.primary(), parts.regions(), parts.bus(), parts.telemetry(), own, parts.clock());
      return ReplicatorService.start(
          parts.bus(),
          copiers.regions(),
          own,
          () -> {
            copiers.close();
            scratch.close();
          });
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
  }

  /**
   * Anti-entropy over the primary and every region of the parts. Uses the primary, the region
   * stores and the bus (connected on the first event, so a dry run needs no broker).
   */
  public Reconciler reconciler(ReplicatorConfig config) {
    return new Reconciler(
        parts.primary(), parts.regions(), new LazyBus(parts::bus), config, parts.clock());
  }

  /** Purge and un-purge. Uses the primary, the region stores and the bus. */
  public Purge purge() {
    return new Purge(parts.primary(), parts.regions(), parts.bus(), parts.clock());
  }

  /**
   * Where a version is and each region's backlog. Uses the primary, the region stores and the bus's
   * view of each region's consumer group ({@code config}'s group names).
   */
  public VersionStatus status(ReplicatorConfig config) {
    return new VersionStatus(
        parts.primary(), parts.regions(), parts.backlog(), config, parts.clock());
  }

  /** The pending gauges of every region of the parts, counted every {@code interval}. */
  public PendingGauges startPendingGauges(ReplicatorConfig config, java.time.Duration interval) {
    return PendingGauges.start(status(config), parts.telemetry(), interval);
  }

  /**
   * Starts {@code serve} over one bucket: the primary, or the region named {@code region}. Uses
   * that bucket, the checksum-database pass-through, and the bus only when a miss is to be warmed
   * (connected on first use, so serve starts and serves while the broker is away).
   *
   * @param security TLS and access control ({@link HttpSecurity#none()}: plain HTTP, open)
   * @param isPrivate which modules are private, for tokens' module rules
   * @throws InvalidInputException if there is no such region, or the token file or key store cannot
   *     be loaded
   */
  public Serving startServe(
      Optional<String> region,
      ServeSettings settings,
      HttpSecurity security,
      Predicate<ModulePath> isPrivate) {
    ModuleStore bucket =
        region
            .map(
                name ->
                    parts.regions().stream()
                        .filter(store -> store.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new InvalidInputException("no region named " + name)))
            .orElseGet(parts::primary);
    EventBus bus = new LazyBus(parts::bus);
    BusDemand demand =
        new BusDemand(bus, "serve:" + bucket.name(), parts.telemetry(), parts.clock());
    ServeGoproxy serve =
        new ServeGoproxy(
            bucket,
            parts.sumDbPassThrough(settings.sumdb()),
            bus,
            demand,
            parts.telemetry(),
            settings.config(),
            parts.clock());
    try {
      return new Serving(
          GoproxyHttp.start(serve, settings.listen(), security, isPrivate, parts.telemetry()),
          demand,
          bucket.name());
    } catch (RuntimeException e) {
      demand.close();
      throw e;
    }
  }

  /**
   * Ingest, the warmer and the replicators together in this process (dev mode, the warm benchmark,
   * the end-to-end tests); returns once all are started.
   */
  public Mirror startMirror(WarmerConfig warmer, ReplicatorConfig replicator) {
    IngestGoMod ingest = ingestGoMod();
    WarmerService warming = startWarmer(warmer);
    try {
      return new Mirror(ingest, warming, startReplicator(replicator));
    } catch (RuntimeException e) {
      warming.close();
      throw e;
    }
  }
}
