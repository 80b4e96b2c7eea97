package dev.modmirror.deploy.service;

import dev.modmirror.adapters.schedule.QuartzSchedule;
import dev.modmirror.core.config.Settings;
import dev.modmirror.deploy.doctor.DependencyWait;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.replicator.ReconcileConfig;
import dev.modmirror.replicator.ReconcileReport;
import dev.modmirror.replicator.Reconciler;
import dev.modmirror.replicator.ReplicatorService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modmirror replicator}: copies warmed versions to region buckets, counts each region's
 * pending versions as gauges, and runs reconcile for its regions on its schedule ({@code
 * MODMIRROR_RECONCILE_CRON}, nightly by default).
 */
@Command(
    name = "replicator",
    mixinStandardHelpOptions = true,
    description =
        "Runs replicators (one per region) until stopped, with the nightly reconcile of their"
            + " regions. Settings: docs/configuration.md.")
public final class ReplicatorCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicatorCommand.class);
  private static final String RECONCILE = "modmirror-reconcile";

  @Option(
      names = "--region",
      description = "Only this region (default: every region in MODMIRROR_REGIONS).")
  String only;

  @Override
  public Integer call() throws Exception {
    Deployment deployment = Deployment.from(System.getenv(), "modmirror-replicator");
    Settings s = Settings.fromEnvironment(System.getenv());
    ReconcileConfig reconcile = ReconcileConfig.from(s);
    s.validate();
    Predicate<String> wanted = only == null ? Adapters.EVERY_REGION : only::equals;
    if (deployment.regions().keySet().stream().noneMatch(wanted)) {
      System.err.println("modmirror replicator: no region to replicate to (MODMIRROR_REGIONS)");
      return 2;
    }
    DependencyWait.untilReachable(
        "replicator",
        deployment,
        true,
        true,
        deployment.regions().keySet().stream().filter(wanted).toList());
    Adapters adapters = Adapters.open(deployment, wanted);
    return UntilStopped.serve(
        "replicator", adapters, services -> start(services, adapters, deployment, reconcile));
  }

  private static AutoCloseable start(
      Services services, Adapters adapters, Deployment deployment, ReconcileConfig reconcile) {
    List<AutoCloseable> started = new ArrayList<>();
    ReplicatorService replicator = services.startReplicator(deployment.replicator());
    started.add(replicator);
    try {
      startAround(services, adapters, deployment, reconcile, started);
    } catch (RuntimeException e) {
      replicator.close();
      throw e;
    }
    java.util.Collections.reverse(started);
    return () -> {
      for (AutoCloseable c : started) {
        c.close();
      }
    };
  }

  /** The gauges and the schedule, beside the replicators. */
  private static void startAround(
      Services services,
      Adapters adapters,
      Deployment deployment,
      ReconcileConfig reconcile,
      List<AutoCloseable> started) {
    started.add(services.startPendingGauges(deployment.replicator(), Duration.ofMinutes(1)));
    Reconciler reconciler = services.reconciler(deployment.replicator());
    StatusSurface.start(
            "REPLICATOR",
            adapters,
            System.getenv(),
            Optional.of(new AdminActions(services.purge(), reconciler, reconcile)))
        .ifPresent(started::add);
    if (reconcile.scheduled()) {
      started.add(
          QuartzSchedule.start(
              RECONCILE,
              reconcile.cron(),
              reconcile.zone(),
              () -> {
                ReconcileReport report = reconciler.run(reconcile.settings("", false));
                LOG.info("scheduled reconcile done:\n{}", report.table());
              }));
    }
  }
}
