package dev.modmirror.deploy.progress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far a batch of work has come: a count per named stage, in display order, the total expected
 * (unknown until set) and how many items have ended (their outcome final, good or bad). Safe to
 * update from any thread; a display reads it on its own schedule.
 */
public final class StageCounts {
  private final String task;
  private final Map<String, LongAdder> counts = new LinkedHashMap<>();
  private final AtomicLong total = new AtomicLong(-1);
  private final LongAdder done = new LongAdder();
  private final long startNanos = System.nanoTime();

  /**
   * @param task what the work is, e.g. {@code dev}: the display's prefix
   * @param stages the stages in display order
   * @throws IllegalArgumentException if {@code stages} is empty or names one twice
   */
  public StageCounts(String task, List<String> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("no stages");
    }
    this.task = task;
    stages.forEach(
        s -> {
          if (counts.put(s, new LongAdder()) != null) {
            throw new IllegalArgumentException("stage named twice: " + s);
          }
        });
  }

  /** Counts one item through {@code stage}; a stage this batch does not have is ignored. */
  public void add(String stage) {
    add(stage, 1);
  }

  /** Counts {@code n} items through {@code stage}; a stage this batch does not have is ignored. */
  public void add(String stage, long n) {
    LongAdder count = counts.get(stage);
    if (count != null) {
      count.add(n);
    }
  }

  /** Sets the number of items expected (known once the work is listed). */
  public void total(long items) {
    total.set(items);
  }

  /** Counts one item whose outcome is final. */
  public void ended() {
    done.increment();
  }

  public String task() {
    return task;
  }

  /** The stages in display order. */
  public List<String> stages() {
    return List.copyOf(counts.keySet());
  }

  /** A consistent-enough copy for one refresh of a display. */
  public Snapshot snapshot() {
    Map<String, Long> now = new LinkedHashMap<>();
    counts.forEach((stage, count) -> now.put(stage, count.sum()));
    return new Snapshot(task, now, total.get(), done.sum(), System.nanoTime() - startNanos);
  }

  /**
   * @param counts stage to count, in display order
   * @param total items expected, -1 if not known yet
   * @param done items whose outcome is final
   * @param elapsedNanos since the counts were created
   */
  public record Snapshot(
      String task, Map<String, Long> counts, long total, long done, long elapsedNanos) {}
}
