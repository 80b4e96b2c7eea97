package dev.modmirror.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.config.ConfigException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Exit codes and one-line errors, the same for every command. */
class LauncherTest {
  @Command(name = "fails")
  static final class Fails implements Callable<Integer> {
    static Exception next;

    @Override
    public Integer call() throws Exception {
      throw next;
    }
  }

  @Test
  void eachKindOfFailureHasItsExitCodeAndOneLine() {
    assertThat(run(new ConfigException(List.of("MODMIRROR_A: missing", "MODMIRROR_B: bad"))))
        .isEqualTo(
            new Result(
                ExitCodes.USAGE,
                "modmirror fails: invalid configuration: MODMIRROR_A: missing; MODMIRROR_B: bad\n"));
    Result unreachable = run(new TransientException("kafka unreachable: no broker answered"));
    assertThat(unreachable.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unreachable.err())
        .isEqualTo("modmirror fails: kafka unreachable: no broker answered\n");
    // Only an unexpected failure points at --verbose: a known one's line says what to fix.
    assertThat(run(new IllegalStateException("bug")).err())
        .isEqualTo("modmirror fails: bug\n(--verbose shows the stack trace)\n");
    assertThat(
            run(new PermanentException("the index follower was fenced", (String) null, null))
                .code())
        .isEqualTo(ExitCodes.SOME_FAILED);
  }

  @Test
  void verboseAddsTheStackTrace() {
    Fails.next = new TransientException("kafka unreachable");
    StringWriter err = new StringWriter();
    CommandLine cmd = Launcher.commandLine().addSubcommand(new Fails());
    cmd.setErr(new PrintWriter(err, true));

    assertThat(cmd.execute("fails", "--verbose")).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .contains("TransientException: kafka unreachable")
        .contains("\tat dev.modmirror.deploy.LauncherTest");
  }

  @Test
  void everyCommandIsListed() {
    assertThat(Launcher.commandLine().getSubcommands()).containsKeys("dev", "doctor", "warmer");
  }

  private static Result run(Exception e) {
    Fails.next = e;
    StringWriter err = new StringWriter();
    CommandLine cmd = Launcher.withErrorHandling(new CommandLine(new Fails()));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute();
    return new Result(code, err.toString());
  }

  private record Result(int code, String err) {}
}
