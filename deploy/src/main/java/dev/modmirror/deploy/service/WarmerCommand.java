package dev.modmirror.deploy.service;

import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
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
    // A warmer never touches a region bucket: a region that is down does not stop it.
    UntilStopped.serve(
        Adapters.open(deployment, Adapters.NO_REGION),
        services -> services.startWarmer(deployment.warmer()));
    return 0;
  }
}
