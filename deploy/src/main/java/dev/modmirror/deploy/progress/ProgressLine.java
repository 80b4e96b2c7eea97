package dev.modmirror.deploy.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The plain progress line: {@code dev: 120/400 done, 3.1/s, ETA 1m30s | requested 400 | fetched 130
 * | … | failed 2}. Pure formatting of a {@link StageCounts.Snapshot}, so it is tested without a
 * clock.
 */
public final class ProgressLine {
  private ProgressLine() {}

  public static String format(StageCounts.Snapshot s) {
    StringBuilder line = new StringBuilder(s.task()).append(": ").append(s.done());
    if (s.total() >= 0) {
      line.append('/').append(s.total());
    }
    line.append(" done, ").append(String.format(Locale.ROOT, "%.1f/s", rate(s)));
    eta(s).ifPresent(eta -> line.append(", ETA ").append(duration(eta)));
    s.counts()
        .forEach((stage, count) -> line.append(" | ").append(stage).append(' ').append(count));
    return line.toString();
  }

  /** Items ended per second since the start. */
  static double rate(StageCounts.Snapshot s) {
    double seconds = s.elapsedNanos() / 1e9;
    return seconds <= 0 ? 0 : s.done() / seconds;
  }

  /** Time left at the rate so far; empty while the total or the rate is unknown. */
  static Optional<Duration> eta(StageCounts.Snapshot s) {
    if (s.total() < 0 || s.done() == 0) {
      return Optional.empty();
    }
    long left = Math.max(0, s.total() - s.done());
    return Optional.of(Duration.ofNanos((long) (s.elapsedNanos() * (double) left / s.done())));
  }

  /** {@code 45s}, {@code 3m05s}, {@code 1h02m}. */
  static String duration(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }
}
