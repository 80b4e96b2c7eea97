package dev.modmirror.deploy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.deploy.dev.DevCommand;
import dev.modmirror.deploy.sandbox.SandboxCommand;
import dev.modmirror.deploy.service.IngestCommand;
import dev.modmirror.deploy.service.PrefetchCommand;
import dev.modmirror.deploy.service.ReplicatorCommand;
import dev.modmirror.deploy.service.ServeCommand;
import dev.modmirror.deploy.service.TokenCommand;
import dev.modmirror.deploy.service.TopicsCommand;
import dev.modmirror.deploy.service.UpstreamsCommand;
import dev.modmirror.deploy.service.WarmerCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code modmirror} command. */
@Command(
    name = "modmirror",
    mixinStandardHelpOptions = true,
    version = "modmirror 0.1.0",
    description = "Keeps Go module mirrors warm.",
    subcommands = {
      DevCommand.class,
      WarmerCommand.class,
      ReplicatorCommand.class,
      IngestCommand.class,
      PrefetchCommand.class,
      SandboxCommand.class,
      ServeCommand.class,
      UpstreamsCommand.class,
      TokenCommand.class,
      TopicsCommand.class
    })
public final class Launcher {
  /** Long-running production services: their logs default to JSON lines. */
  private static final java.util.Set<String> SERVICES =
      java.util.Set.of("warmer", "replicator", "ingest", "serve");

  private Launcher() {}

  public static void main(String[] args) {
    // Dev mode prints a report on stdout; keep its stderr to warnings unless asked otherwise.
    // Set before the first logger exists, so logback's ${MODMIRROR_LOG_LEVEL} sees it.
    if (args.length > 0 && args[0].equals("dev") && System.getenv("MODMIRROR_LOG_LEVEL") == null) {
      System.setProperty("MODMIRROR_LOG_LEVEL", "WARN");
    }
    // Services log JSON lines for log pipelines; dev, sandbox and one-off commands log for people.
    if (args.length > 0
        && SERVICES.contains(args[0])
        && System.getenv("MODMIRROR_LOG_FORMAT") == null) {
      System.setProperty("MODMIRROR_LOG_FORMAT", "json");
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(commandLine().execute(args));
  }

  /** The command line with modmirror's error handling: bad input exits 2 with one clear message. */
  static CommandLine commandLine() {
    return new CommandLine(new Launcher())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof InvalidInputException) {
                cmd.getErr().println("modmirror: " + e.getMessage());
                return 2;
              }
              throw e;
            });
  }
}
