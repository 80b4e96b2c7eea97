package dev.modmirror.deploy.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A {@link ProgressLine} every interval on stderr, and a last one on close. */
final class PlainLines implements ProgressDisplay {
  private final StageCounts counts;
  private final PrintStream err;
  private final ScheduledExecutorService timer;
  private boolean closed;

  private PlainLines(StageCounts counts, PrintStream err) {
    this.counts = counts;
    this.err = err;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "progress-" + counts.task());
              t.setDaemon(true);
              return t;
            });
  }

  static PlainLines start(StageCounts counts, Duration interval, PrintStream err) {
    PlainLines lines = new PlainLines(counts, err);
    long millis = Math.max(1, interval.toMillis());
    lines.timer.scheduleAtFixedRate(lines::print, millis, millis, TimeUnit.MILLISECONDS);
    return lines;
  }

  private synchronized void print() {
    if (!closed) {
      err.println(ProgressLine.format(counts.snapshot()));
      err.flush();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (this) {
      if (closed) {
        return;
      }
      err.println(ProgressLine.format(counts.snapshot()));
      err.flush();
      closed = true;
    }
  }
}
