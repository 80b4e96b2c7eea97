package dev.modmirror.deploy.progress;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

/**
 * A bar per stage, and one for the items ended, kept at the bottom of the terminal by JLine's
 * {@link Status} (a scroll region: whatever else reaches the terminal, results on stdout and log
 * lines, scrolls above it), redrawn four times a second. On close the status area is released and
 * its last state printed as plain lines, so it stays on screen.
 */
final class TerminalStatus implements ProgressDisplay {
  private static final long REFRESH_MILLIS = 250;

  private final StageCounts counts;
  private final Terminal terminal;
  private final Status status;
  private final PrintStream err;
  private final ScheduledExecutorService timer;
  private boolean closed;

  private TerminalStatus(StageCounts counts, Terminal terminal, Status status, PrintStream err) {
    this.counts = counts;
    this.terminal = terminal;
    this.status = status;
    this.err = err;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "progress-" + counts.task());
              t.setDaemon(true);
              return t;
            });
  }

  /** Bars on stderr's terminal; plain lines if JLine cannot keep a status area there. */
  static ProgressDisplay start(StageCounts counts, Duration interval, PrintStream err) {
    Terminal terminal;
    try {
      terminal =
          TerminalBuilder.builder()
              .system(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysErr)
              .nativeSignals(false)
              .dumb(true)
              .build();
    } catch (IOException | RuntimeException e) {
      return PlainLines.start(counts, interval, err);
    }
    Status status = Status.getStatus(terminal, true);
    if (status == null) {
      closeQuietly(terminal);
      return PlainLines.start(counts, interval, err);
    }
    TerminalStatus display = new TerminalStatus(counts, terminal, status, err);
    display.timer.scheduleAtFixedRate(display::redraw, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    return display;
  }

  private synchronized void redraw() {
    if (!closed) {
      List<AttributedString> lines = new ArrayList<>();
      bars(counts.snapshot(), terminal.getWidth()).forEach(l -> lines.add(new AttributedString(l)));
      status.update(lines);
      terminal.flush();
    }
  }

  /** One line per stage and one for the items ended, each at most {@code width} wide. */
  static List<String> bars(StageCounts.Snapshot s, int width) {
    int label = Math.max(4, s.counts().keySet().stream().mapToInt(String::length).max().orElse(4));
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Long> stage : s.counts().entrySet()) {
      lines.add(bar(stage.getKey(), label, stage.getValue(), s, width, false));
    }
    lines.add(bar("done", label, s.done(), s, width, true));
    return lines;
  }

  private static String bar(
      String name, int label, long count, StageCounts.Snapshot s, int width, boolean eta) {
    double seconds = Math.max(1e-9, s.elapsedNanos() / 1e9);
    String of = s.total() >= 0 ? count + "/" + s.total() : String.valueOf(count);
    String tail =
        String.format(Locale.ROOT, " %s %.1f/s", of, count / seconds)
            + (eta
                ? ProgressLine.eta(s).map(d -> " ETA " + ProgressLine.duration(d)).orElse("")
                : "");
    String head = String.format("%-" + label + "s ", name);
    int room = Math.max(0, Math.min(40, width - head.length() - tail.length() - 3));
    StringBuilder line = new StringBuilder(head);
    if (room > 0) {
      int filled = s.total() > 0 ? (int) Math.min(room, room * count / s.total()) : 0;
      line.append('[').append("=".repeat(filled)).append(" ".repeat(room - filled)).append(']');
    }
    line.append(tail);
    return line.length() > width && width > 0 ? line.substring(0, width) : line.toString();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      int width = Math.max(40, terminal.getWidth());
      // An empty status gives the rows back to the scroll region.
      status.update(List.of());
      terminal.flush();
      closeQuietly(terminal);
      bars(counts.snapshot(), width).forEach(err::println);
      err.flush();
    }
  }

  private static void closeQuietly(Terminal terminal) {
    try {
      terminal.close();
    } catch (IOException ignored) {
      // The terminal is the process's own; nothing is left to release.
    }
  }
}
