package dev.modmirror.deploy.service;

import dev.modmirror.adapters.kafka.TopicDemandRanking;
import dev.modmirror.deploy.doctor.DependencyWait;
import dev.modmirror.deploy.progress.Counted;
import dev.modmirror.deploy.progress.ProgressDisplay;
import dev.modmirror.deploy.progress.ProgressOptions;
import dev.modmirror.deploy.progress.StageCounts;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.ingest.IngestConfig;
import dev.modmirror.ingest.nightly.NightlyPrefetch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modmirror prefetch --now}: runs the nightly prefetch once, here, with the ingest service's
 * settings. Demand is read from the demand topic itself (this process has no streams state).
 */
@Command(
    name = "prefetch",
    mixinStandardHelpOptions = true,
    description =
        "Runs the nightly prefetch by hand: requests the newest missing versions of the top-N"
            + " demanded modules and MODMIRROR_PREFETCH_MODULES. The ingest service runs it on its"
            + " schedule.")
public final class PrefetchCommand implements Callable<Integer> {
  @Option(names = "--now", required = true, description = "Run it now, once.")
  boolean now;

  @Mixin ProgressOptions progress = new ProgressOptions();

  /** The environment; tests give their own. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws InterruptedException {
    Deployment deployment = Deployment.from(env, Deployment.INGEST);
    IngestConfig config = deployment.ingest();
    DependencyWait.requireReachable(deployment, true, true, List.of());
    StageCounts counts = new StageCounts("prefetch", List.of("modules listed", "requested"));
    try (Adapters adapters = Adapters.open(deployment, Adapters.NO_REGION)) {
      NightlyPrefetch.Report report;
      // The module list is only known inside the use case: counts and rate, no total or ETA.
      try (ProgressDisplay display = progress.start(counts, System.err)) {
        report =
            new NightlyPrefetch(
                    new TopicDemandRanking(
                        deployment.kafka(), config.demandWindow(), adapters.clock()),
                    Counted.listings(adapters.upstream(), counts, "modules listed"),
                    adapters.primary(),
                    Counted.bus(adapters.bus(), counts, "requested"),
                    config.prefetch(),
                    adapters.telemetry(),
                    adapters.clock())
                .run();
      }
      report.requested().forEach(ref -> System.out.println("requested " + ref));
      report.failed().forEach((m, why) -> System.out.println("skipped " + m + ": " + why));
      System.out.println(
          "prefetch: "
              + report.modules().size()
              + " modules, "
              + report.requested().size()
              + " versions requested");
    }
    return 0;
  }
}
