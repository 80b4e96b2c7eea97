package dev.modmirror.deploy.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of this JVM while a measured run goes on: every period a full collection ({@code
 * System.gc()}), then the heap in use, which is then what the run really keeps (a heap pool's peak
 * also counts garbage not yet collected, and so grows with the young generation's size, not with
 * what the code holds). Each sample is printed; {@link #maxMib()} is the largest. The collections
 * cost the run a few tenths of a second each: the period is long. {@link HeapSampler} does the same
 * for a child JVM.
 */
final class LiveHeap implements AutoCloseable {
  private final long start = System.nanoTime();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "live-heap");
            t.setDaemon(true);
            return t;
          });
  private long maxBytes = -1; // guarded by this

  private LiveHeap() {}

  /** Samples every {@code period}, the first after one period. */
  static LiveHeap every(Duration period) {
    LiveHeap heap = new LiveHeap();
    heap.timer.scheduleWithFixedDelay(
        heap::sample, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return heap;
  }

  private void sample() {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    synchronized (this) {
      maxBytes = Math.max(maxBytes, used);
    }
    System.err.printf(
        Locale.ROOT,
        "bench: live heap %.0f s after the run's start: %.1f MiB%n",
        (System.nanoTime() - start) / 1e9,
        used / 1048576.0);
  }

  /** The largest live heap sampled, MiB; -1 before any sample. */
  synchronized long maxMib() {
    return maxBytes < 0 ? -1 : maxBytes >> 20;
  }

  /** Stops sampling, waiting for a sample in progress, and takes a last one. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    if (timer.awaitTermination(1, TimeUnit.MINUTES)) {
      sample();
    }
  }
}
