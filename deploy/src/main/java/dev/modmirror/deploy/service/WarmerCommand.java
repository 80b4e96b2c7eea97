package dev.modmirror.deploy.service;

import dev.modmirror.deploy.doctor.DependencyWait;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code modmirror warmer}: consumes requests and warms them into the primary bucket. */
@Command(
    name = "warmer",
    mixinStandardHelpOptions = true,
    description = "Runs a warmer replica until stopped. Settings: docs/configuration.md.")
public final class WarmerCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Deployment deployment = Deployment.from(System.getenv(), "modmirror-warmer");
    DependencyWait.untilReachable("warmer", deployment, true, true, List.of());
    // A warmer never touches a region bucket: a region that is down does not stop it.
    Adapters adapters = Adapters.open(deployment, Adapters.NO_REGION);
    return UntilStopped.serve(
        "warmer",
        adapters,
        services -> {
          var http = StatusSurface.start("WARMER", adapters, System.getenv());
          AutoCloseable warmer;
          try {
            warmer = services.startWarmer(deployment.warmer());
          } catch (RuntimeException e) {
            http.ifPresent(h -> h.close());
            throw e;
          }
          return () -> {
            http.ifPresent(h -> h.close());
            warmer.close();
          };
        });
  }
}
