package dev.modmirror.deploy.service;

import dev.modmirror.deploy.doctor.DependencyWait;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
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
    return UntilStopped.serve(
        Adapters.open(deployment, wanted),
        services -> services.startReplicator(deployment.replicator()));
  }
}
