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
 * Interrupts reads that stall. The JDK HttpClient's request timeout ends when the headers arrive; a
 * body that stops flowing would block its reader forever. The JDK's response stream turns an
 * interrupt of a blocked read into an IOException, which {@link BoundedBody} reports as transient.
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
    Guard g = new Guard(stallTimeout.toNanos(), stream);
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
    private final Closeable stream;
    private Thread reader;
    private long since;
    private boolean fired;

    private Guard(long timeoutNanos, Closeable stream) {
      this.timeoutNanos = timeoutNanos;
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

    synchronized void interruptIfStalled(long now) {
      if (reader != null && !fired && now - since > timeoutNanos) {
        fired = true;
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
