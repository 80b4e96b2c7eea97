package dev.modmirror.deploy.service;

import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.replicator.ReplicateVersion;
import dev.modmirror.replicator.ReplicatorService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modmirror replicator}: copies warmed versions to region buckets. */
@Command(
    name = "replicator",
    mixinStandardHelpOptions = true,
    description =
        "Runs replicators (one per region) until stopped. Settings: docs/configuration.md.")
public final class ReplicatorCommand implements Callable<Integer> {
  @Option(
      names = "--region",
      description = "Only this region (default: every region in MODMIRROR_REGIONS).")
  String only;

  @Override
  public Integer call() throws Exception {
    Deployment deployment = Deployment.from(System.getenv(), "modmirror-replicator");
    ServiceRuntime runtime = new ServiceRuntime(deployment);
    ModuleStore primary = runtime.primary();
    List<ReplicateVersion> regions =
        runtime.regions(name -> only == null || name.equals(only)).stream()
            .map(
                r ->
                    new ReplicateVersion(
                        primary,
                        r,
                        runtime.bus(),
                        runtime.telemetry(),
                        deployment.replicator(),
                        Clock.systemUTC()))
            .toList();
    if (regions.isEmpty()) {
      System.err.println("modmirror replicator: no region to replicate to (MODMIRROR_REGIONS)");
      runtime.close();
      return 2;
    }
    runtime.awaitShutdown(ReplicatorService.start(runtime.bus(), regions, deployment.replicator()));
    return 0;
  }
}
