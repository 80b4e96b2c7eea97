package dev.modmirror.deploy.progress;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Whether this process's stderr is a terminal, as JLine finds it. */
final class Terminals {
  private Terminals() {}

  static boolean stderrIsTerminal() {
    // System.console() only answers for stdin and stdout; stdout may be a pipe while a person
    // watches stderr (`modmirror dev | tee report`), and then bars are wanted.
    try (Terminal terminal =
        TerminalBuilder.builder()
            .system(true)
            .systemOutput(TerminalBuilder.SystemOutput.SysErr)
            .dumb(true)
            .build()) {
      return !terminal.getType().startsWith(Terminal.TYPE_DUMB);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
