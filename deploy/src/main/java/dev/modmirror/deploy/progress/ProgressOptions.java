package dev.modmirror.deploy.progress;

import dev.modmirror.core.error.InvalidInputException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The progress flags that every long command takes ({@code @Mixin}). */
public final class ProgressOptions {
  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = {
        "Progress on stderr: auto (bars on a terminal, else a line every --progress-interval),",
        "terminal, plain or off (default auto)."
      })
  String mode = "auto";

  @Option(
      names = "--progress-interval",
      defaultValue = "PT5S",
      description = "How often a plain progress line is printed (ISO-8601, default PT5S).")
  Duration interval = Duration.ofSeconds(5);

  /**
   * Starts the display these flags ask for.
   *
   * @throws InvalidInputException if {@code --progress} names no mode or the interval is not
   *     positive
   */
  public ProgressDisplay start(StageCounts counts, PrintStream err) {
    return ProgressDisplay.start(counts, mode(), interval(), err);
  }

  private ProgressMode mode() {
    try {
      return ProgressMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "--progress must be auto, terminal, plain or off, not '" + mode + "'");
    }
  }

  private Duration interval() {
    if (interval.isNegative() || interval.isZero()) {
      throw new InvalidInputException("--progress-interval must be positive, not " + interval);
    }
    return interval;
  }
}
