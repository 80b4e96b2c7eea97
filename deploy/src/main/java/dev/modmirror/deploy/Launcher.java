package dev.modmirror.deploy;

import dev.modmirror.deploy.dev.DevCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code modmirror} command. */
@Command(
    name = "modmirror",
    mixinStandardHelpOptions = true,
    version = "modmirror 0.1.0",
    description = "Keeps Go module mirrors warm.",
    subcommands = {DevCommand.class})
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new Launcher()).execute(args));
  }
}
