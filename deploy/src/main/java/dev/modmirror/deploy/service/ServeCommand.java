package dev.modmirror.deploy.service;

import dev.modmirror.deploy.doctor.DependencyWait;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.ServeSettings;
import dev.modmirror.deploy.wiring.Serving;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modmirror serve}: a read-only GOPROXY endpoint over a bucket, until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a bucket as a read-only GOPROXY (GOPROXY=http://host:port) until stopped:",
      "@v/list, .info, .mod, .zip, @latest, and /sumdb/<name>/ passed through to GOSUMDB's",
      "database. Settings: docs/configuration.md."
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--region",
      description = "Serve this region's bucket (default: the primary bucket).")
  String region;

  @Option(
      names = "--listen",
      description = "host:port to listen on (default MODMIRROR_SERVE_LISTEN, else 127.0.0.1:8080).")
  String listen;

  @Option(
      names = "--warm-on-miss",
      description = "Request every version that is asked for and absent (default: as set).")
  boolean warmOnMiss;

  @Override
  public Integer call() throws Exception {
    Deployment deployment = Deployment.from(System.getenv(), "modmirror-serve");
    ServeSettings settings = deployment.serve();
    if (listen != null) {
      settings = settings.listeningOn(ServeSettings.address(listen));
    }
    if (warmOnMiss) {
      settings = settings.with(settings.config().withWarmOnMiss(true));
    }
    ServeSettings chosen = settings;
    // Serve reads one bucket; Kafka only carries its demand, which waits for nothing.
    DependencyWait.untilReachable(
        "serve", deployment, false, region == null, region == null ? List.of() : List.of(region));
    return UntilStopped.serve(
        "serve",
        Adapters.open(deployment, region == null ? Adapters.NO_REGION : region::equals),
        services -> {
          Serving serving =
              services.startServe(
                  Optional.ofNullable(region),
                  chosen,
                  deployment.security(),
                  deployment.goEnv()::isPrivate);
          System.out.println(
              "serving http://"
                  + chosen.listen().getHostString()
                  + ":"
                  + serving.port()
                  + " from "
                  + serving.bucket());
          System.out.flush();
          return serving;
        });
  }
}
