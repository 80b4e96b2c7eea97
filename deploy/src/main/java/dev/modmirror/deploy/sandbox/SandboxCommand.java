package dev.modmirror.deploy.sandbox;

import dev.modmirror.core.io.Trees;
import dev.modmirror.deploy.dev.DevCluster;
import dev.modmirror.deploy.wiring.Deployment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modmirror sandbox}: the servers of a deployment (a KRaft broker, the primary and region S3
 * endpoints) in one long-running process, and the settings that point at them, so that {@code
 * ingest}, {@code warmer}, {@code replicator} and {@code serve} run as separate processes on one
 * machine exactly as in production: each reads the same variables it would read there.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an embedded KRaft broker and S3 endpoints (primary and regions) until interrupted,",
      "writes their MODMIRROR_* settings to an env file and prints them as export lines. Then,",
      "in other shells: . sandbox.env; modmirror warmer (replicator, serve, ingest...)."
    })
public final class SandboxCommand implements Callable<Integer> {
  @Option(names = "--regions", defaultValue = "2", description = "Region buckets (default 2).")
  int regions;

  @Option(
      names = "--brokers",
      defaultValue = "1",
      description =
          "Kafka brokers (default 1, in this JVM). 3: a KRaft cluster of three broker processes;"
              + " topics get 3 replicas and min.insync.replicas=2.")
  int brokers;

  @Option(
      names = "--data-dir",
      description = "Where servers keep data; kept after the run (default: a temp dir, removed).")
  Path dataDir;

  @Option(
      names = "--env-file",
      description = "Where to write the settings (default: sandbox.env in the data dir).")
  Path envFile;

  @Option(
      names = "--upstream",
      description = "Also write MODMIRROR_UPSTREAM (a GOPROXY list) for the warmer.")
  String upstream;

  @Option(
      names = "--gosumdb",
      description = "Also write MODMIRROR_GOSUMDB (as GOSUMDB takes it), e.g. off.")
  String gosumdb;

  private final PrintStream out;
  private final PrintStream err;

  public SandboxCommand() {
    this(System.out, System.err);
  }

  SandboxCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (regions < 1 || regions > 16) {
      err.println("--regions must be between 1 and 16");
      return 2;
    }
    if (brokers != 1 && brokers != 3) {
      err.println("--brokers must be 1 or 3");
      return 2;
    }
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("modmirror-sandbox-");
    DevCluster cluster;
    try {
      cluster = DevCluster.start(dir, regions, brokers);
    } catch (RuntimeException e) {
      cleanUp(dir);
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    cluster.close();
                    cleanUp(dir);
                  } finally {
                    stopped.countDown();
                  }
                },
                "sandbox-shutdown"));
    Map<String, String> vars =
        Deployment.variables(cluster.bootstrapServers(), cluster.primary(), cluster.regions());
    if (brokers > 1) {
      vars.put("MODMIRROR_KAFKA_REPLICATION", Integer.toString(brokers));
    }
    if (upstream != null) {
      vars.put("MODMIRROR_UPSTREAM", upstream);
    }
    if (gosumdb != null) {
      vars.put("MODMIRROR_GOSUMDB", gosumdb);
    }
    Path env = envFile != null ? envFile : dir.resolve("sandbox.env");
    String lines = EnvFile.render(vars);
    EnvFile.write(env, lines);
    out.print(lines);
    out.println("# sandbox ready: . " + env + " in each shell; Ctrl-C stops it");
    out.flush();
    stopped.await();
    return 0;
  }

  private void cleanUp(Path dir) {
    if (dataDir == null) {
      Trees.deleteQuietly(dir);
    }
  }
}
