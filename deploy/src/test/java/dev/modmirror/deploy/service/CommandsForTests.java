package dev.modmirror.deploy.service;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/** Runs the operator commands in this JVM with a given environment, for tests in other packages. */
public final class CommandsForTests {
  private CommandsForTests() {}

  /** {@code modmirror reconcile ARGS…} with {@code env}; the table goes to {@code out}. */
  public static int reconcile(Map<String, String> env, PrintStream out, String... args) {
    ReconcileCommand command = new ReconcileCommand();
    command.env = env;
    command.out = out;
    return new CommandLine(command).execute(args);
  }

  /** {@code modmirror purge ARGS…} with {@code env}. */
  public static int purge(Map<String, String> env, PrintStream out, String... args) {
    PurgeCommand command = new PurgeCommand();
    command.env = env;
    command.out = out;
    return new CommandLine(command).execute(args);
  }

  /** {@code modmirror status ARGS…} with {@code env}. */
  public static int status(Map<String, String> env, PrintStream out, String... args) {
    StatusCommand command = new StatusCommand();
    command.env = env;
    command.out = out;
    return new CommandLine(command).execute(args);
  }
}
