package dev.modmirror.adapters.upstream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every member that has a probe module, each every {@code interval}, staggered so that
 * probes do not all leave at once; the first probes leave one interval after start. A probe that
 * hangs holds only its own thread (at most four), for at most the request timeout.
 */
final class HealthProber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthProber.class);

  private final ScheduledThreadPoolExecutor executor;

  private HealthProber(ScheduledThreadPoolExecutor executor) {
    this.executor = executor;
  }

  static HealthProber start(List<PoolMember> members, Duration interval) {
    List<PoolMember> probed = members.stream().filter(m -> m.probe().isPresent()).toList();
    AtomicInteger threads = new AtomicInteger();
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            Math.max(1, Math.min(4, probed.size())),
            r -> {
              Thread t = new Thread(r, "modmirror-upstream-probe-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    long every = interval.toNanos();
    for (int i = 0; i < probed.size(); i++) {
      PoolMember m = probed.get(i);
      executor.scheduleWithFixedDelay(
          () -> probe(m), every + every * i / probed.size(), every, TimeUnit.NANOSECONDS);
    }
    return new HealthProber(executor);
  }

  /** Probes every member once now, in parallel, and waits up to {@code timeout}. */
  static void probeAll(List<PoolMember> members, Duration timeout) {
    List<Thread> threads =
        members.stream()
            .filter(m -> m.probe().isPresent())
            .map(
                m -> {
                  Thread t = new Thread(() -> probe(m), "modmirror-upstream-probe-now");
                  t.setDaemon(true);
                  t.start();
                  return t;
                })
            .toList();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void probe(PoolMember m) {
    try {
      m.upstream().probe(m.probe().orElseThrow());
    } catch (RuntimeException e) {
      // A probe never stops its schedule.
      LOG.warn("upstream {}: probe failed unexpectedly: {}", m.upstream().name(), e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
