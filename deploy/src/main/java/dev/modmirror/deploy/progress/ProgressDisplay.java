package dev.modmirror.deploy.progress;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows a {@link StageCounts} on stderr while the work runs. {@link #close} stops refreshing and
 * leaves the final state; it may be called more than once.
 */
public interface ProgressDisplay extends AutoCloseable {

  /**
   * Starts showing {@code counts} on {@code err}.
   *
   * @param mode {@link ProgressMode#AUTO} picks bars when stderr is a terminal, lines otherwise
   * @param interval how often a plain line is printed (bars refresh on their own, several times a
   *     second)
   */
  static ProgressDisplay start(
      StageCounts counts, ProgressMode mode, Duration interval, PrintStream err) {
    return switch (mode.resolve()) {
      case TERMINAL -> TerminalStatus.start(counts, interval, err);
      case PLAIN -> PlainLines.start(counts, interval, err);
      case OFF, AUTO -> () -> {};
    };
  }

  @Override
  void close();
}
