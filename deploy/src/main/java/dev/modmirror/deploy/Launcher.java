package dev.modmirror.deploy;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.deploy.chaos.ChaosCommand;
import dev.modmirror.deploy.dev.DevCommand;
import dev.modmirror.deploy.doctor.DoctorCommand;
import dev.modmirror.deploy.sandbox.SandboxCommand;
import dev.modmirror.deploy.service.DlqCommand;
import dev.modmirror.deploy.service.IngestCommand;
import dev.modmirror.deploy.service.PrefetchCommand;
import dev.modmirror.deploy.service.PurgeCommand;
import dev.modmirror.deploy.service.ReconcileCommand;
import dev.modmirror.deploy.service.ReplicatorCommand;
import dev.modmirror.deploy.service.ServeCommand;
import dev.modmirror.deploy.service.StatusCommand;
import dev.modmirror.deploy.service.TokenCommand;
import dev.modmirror.deploy.service.TopicsCommand;
import dev.modmirror.deploy.service.UpstreamsCommand;
import dev.modmirror.deploy.service.WarmerCommand;
import java.util.List;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
      TopicsCommand.class,
      DoctorCommand.class,
      DlqCommand.class,
      ReconcileCommand.class,
      StatusCommand.class,
      PurgeCommand.class,
      ChaosCommand.class
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

  /** The command line with modmirror's error handling (see {@link #withErrorHandling}). */
  static CommandLine commandLine() {
    return withErrorHandling(new CommandLine(new Launcher()));
  }

  /**
   * Every failure a command throws ends as one line on stderr naming what to fix, and an exit code
   * of {@link ExitCodes}: bad input or configuration 2, an unreachable dependency (a transient
   * failure that outlived its retries) 3, anything else 1. {@code --verbose}, on any command, adds
   * the stack trace.
   */
  public static CommandLine withErrorHandling(CommandLine commandLine) {
    return commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("modmirror " + cmd.getCommandName() + ": " + oneLine(e));
          if (verbose(parsed)) {
            e.printStackTrace(cmd.getErr());
          } else if (!(e instanceof ModmirrorException)) {
            // Only for the unexpected: a known failure's line already says what to fix.
            cmd.getErr().println("(--verbose shows the stack trace)");
          }
          cmd.getErr().flush();
          return exitCode(e);
        });
  }

  static int exitCode(Exception e) {
    if (e instanceof InvalidInputException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof TransientException) {
      return ExitCodes.UNREACHABLE;
    }
    return ExitCodes.SOME_FAILED;
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // A list of problems ("invalid configuration:\n  - A\n  - B") becomes "…: A; B".
    List<String> lines =
        message
            .lines()
            .map(String::strip)
            .map(l -> l.startsWith("- ") ? l.substring(2) : l)
            .filter(l -> !l.isEmpty())
            .toList();
    if (lines.size() > 1 && lines.get(0).endsWith(":")) {
      return lines.get(0) + " " + String.join("; ", lines.subList(1, lines.size()));
    }
    return String.join("; ", lines);
  }

  private static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace after the one-line message.")
  boolean verbose;
}
