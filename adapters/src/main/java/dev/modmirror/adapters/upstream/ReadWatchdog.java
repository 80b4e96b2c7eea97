package dev.modmirror.adapters.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts reads that stall, and reads of a body that is taking longer than its download
 * deadline. The JDK HttpClient's request timeout ends when the headers arrive; a body that stops
 * flowing would block its reader forever, and one that trickles a byte at a time (or never ends)
 * would hold its version for hours. The JDK's response stream turns an interrupt of a blocked read
 * into an IOException, which {@link BoundedBody} reports as transient.
 */
final class ReadWatchdog {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "modmirror-upstream-read-watchdog");
            t.setDaemon(true);
            return t;
          });
  private static final Set<Guard> ACTIVE = ConcurrentHashMap.newKeySet();

  static {
    TIMER.scheduleWithFixedDelay(ReadWatchdog::sweep, 50, 50, TimeUnit.MILLISECONDS);
  }

  private ReadWatchdog() {}

  /** A guard for one stream; register it, and {@link Guard#release()} it on close. */
  static Guard guard(Duration stallTimeout, Closeable stream) {
    return guard(stallTimeout, Duration.ofNanos(Long.MAX_VALUE), stream);
  }

  /** As {@link #guard(Duration, Closeable)}, also cutting the stream {@code deadline} from now. */
  static Guard guard(Duration stallTimeout, Duration deadline, Closeable stream) {
    long now = System.nanoTime();
    long end =
        deadline.toNanos() >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + deadline.toNanos();
    Guard g = new Guard(stallTimeout.toNanos(), end, stream);
    ACTIVE.add(g);
    return g;
  }

  /** How many streams are being watched; for tests that check nothing leaks. */
  static int active() {
    return ACTIVE.size();
  }

  private static void sweep() {
    long now = System.nanoTime();
    for (Guard g : ACTIVE) {
      g.interruptIfStalled(now);
    }
  }

  /** Tracks the one read in progress on a stream. */
  static final class Guard {
    private final long timeoutNanos;
    private final long deadlineNanos;
    private final Closeable stream;
    private Thread reader;
    private long since;
    private boolean fired;
    private boolean pastDeadline;

    private Guard(long timeoutNanos, long deadlineNanos, Closeable stream) {
      this.timeoutNanos = timeoutNanos;
      this.deadlineNanos = deadlineNanos;
      this.stream = stream;
    }

    synchronized void enter() {
      reader = Thread.currentThread();
      since = System.nanoTime();
    }

    synchronized void exit() {
      reader = null;
      if (fired) {
        // The interrupt was ours, not the caller's: do not leak it into their thread.
        Thread.interrupted();
      }
    }

    synchronized boolean fired() {
      return fired;
    }

    /** True if the guard fired because the whole download took too long, not a single read. */
    synchronized boolean pastDeadline() {
      return pastDeadline;
    }

    synchronized void interruptIfStalled(long now) {
      boolean late = now - deadlineNanos > 0;
      if (reader != null && !fired && (now - since > timeoutNanos || late)) {
        fired = true;
        pastDeadline = late;
        try {
          stream.close();
        } catch (IOException | RuntimeException e) {
          // The interrupt below still wakes the reader.
        }
        reader.interrupt();
      }
    }

    void release() {
      ACTIVE.remove(this);
    }
  }
}
