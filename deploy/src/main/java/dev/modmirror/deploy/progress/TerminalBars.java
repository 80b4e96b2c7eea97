package dev.modmirror.deploy.progress;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progressbar bar per stage and one for the items ended, each with its count, rate and ETA,
 * redrawn in place by the library (which moves the cursor through JLine's terminal capabilities).
 */
final class TerminalBars implements ProgressDisplay {
  private static final String DONE = "done";
  private static final long REFRESH_MILLIS = 250;

  private final StageCounts counts;
  private final Map<String, ProgressBar> bars = new LinkedHashMap<>();
  private final ScheduledExecutorService timer;
  private boolean closed;

  private TerminalBars(StageCounts counts, PrintStream err) {
    this.counts = counts;
    int width = counts.stages().stream().mapToInt(String::length).max().orElse(4);
    for (String stage : counts.stages()) {
      bars.put(stage, bar(stage, width, err));
    }
    bars.put(DONE, bar(DONE, width, err));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "progress-" + counts.task());
              t.setDaemon(true);
              return t;
            });
  }

  static TerminalBars start(StageCounts counts, PrintStream err) {
    TerminalBars display = new TerminalBars(counts, err);
    display.timer.scheduleAtFixedRate(display::update, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    return display;
  }

  private static ProgressBar bar(String stage, int width, PrintStream err) {
    return new ProgressBarBuilder()
        .setTaskName(String.format("%-" + width + "s", stage))
        .setInitialMax(-1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis((int) REFRESH_MILLIS)
        .showSpeed()
        .setConsumer(new InteractiveConsoleProgressBarConsumer(err))
        .build();
  }

  private synchronized void update() {
    if (closed) {
      return;
    }
    StageCounts.Snapshot now = counts.snapshot();
    now.counts().forEach((stage, count) -> step(bars.get(stage), now.total(), count));
    step(bars.get(DONE), now.total(), now.done());
  }

  private static void step(ProgressBar bar, long total, long count) {
    if (total >= 0) {
      bar.maxHint(Math.max(total, count));
    }
    bar.stepTo(count);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (this) {
      if (closed) {
        return;
      }
      update();
      closed = true;
      bars.values().forEach(ProgressBar::close);
    }
  }
}
