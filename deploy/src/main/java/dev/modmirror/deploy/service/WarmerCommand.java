package dev.modmirror.deploy.service;

import dev.modmirror.warmer.WarmModuleVersion;
import dev.modmirror.warmer.WarmerService;
import java.time.Clock;
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
    ServiceRuntime runtime = new ServiceRuntime(deployment);
    WarmModuleVersion warm =
        new WarmModuleVersion(
            runtime.upstream(),
            runtime.primary(),
            runtime.checksums(),
            runtime.bus(),
            runtime.telemetry(),
            deployment.warmer(),
            Clock.systemUTC());
    runtime.awaitShutdown(WarmerService.start(runtime.bus(), warm, deployment.warmer()));
    return 0;
  }
}
