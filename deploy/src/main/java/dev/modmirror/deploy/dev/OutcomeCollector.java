package dev.modmirror.deploy.dev;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.TraceIds;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Listens to the outcome topics (in consumer groups of its own, so it takes nothing from the
 * services) and waits until every expected version has ended: failed, or warmed and reported by
 * every region.
 */
public final class OutcomeCollector implements AutoCloseable {
  private final Map<ModuleRef, VersionWarmed> warmed = new ConcurrentHashMap<>();
  private final Map<ModuleRef, VersionFailed> failed = new ConcurrentHashMap<>();
  private final Map<ModuleRef, Map<String, RegionReplicated>> replicated =
      new ConcurrentHashMap<>();
  private final Map<ModuleRef, String> traceIds = new ConcurrentHashMap<>();
  private final List<EventBus.Subscription> subscriptions;
  private final Object signal = new Object();

  private OutcomeCollector(EventBus bus) {
    String group = "modmirror-dev-" + UUID.randomUUID();
    subscriptions =
        List.of(
            bus.subscribe(Topics.WARMED, group, this::onWarmed),
            bus.subscribe(Topics.FAILED, group, this::onFailed),
            bus.subscribe(Topics.REPLICATED, group, this::onReplicated));
  }

  /** Subscribes; call before publishing requests so nothing is missed. */
  public static OutcomeCollector start(EventBus bus) {
    return new OutcomeCollector(bus);
  }

  /**
   * Waits until every ref in {@code expected} has ended in every region of {@code regions}.
   *
   * @return true if all ended before the timeout
   */
  public boolean await(Set<ModuleRef> expected, Set<String> regions, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<ModuleRef> pending = new LinkedHashSet<>(expected);
    while (!pending.isEmpty()) {
      List<ModuleRef> ended = awaitEnded(pending, regions, deadline);
      if (ended.isEmpty()) {
        return false;
      }
      ended.forEach(pending::remove);
    }
    return true;
  }

  /**
   * Waits until at least one ref of {@code pending} has ended in every region of {@code regions},
   * or until {@code deadlineNanos} ({@link System#nanoTime()}).
   *
   * @return the refs of {@code pending} that have ended, in its order; empty only at the deadline
   */
  public List<ModuleRef> awaitEnded(Set<ModuleRef> pending, Set<String> regions, long deadlineNanos)
      throws InterruptedException {
    synchronized (signal) {
      while (true) {
        List<ModuleRef> ended = pending.stream().filter(ref -> ended(ref, regions)).toList();
        long left = deadlineNanos - System.nanoTime();
        if (!ended.isEmpty() || left <= 0) {
          return ended;
        }
        // Woken by every event; the bound only guards against a signal lost between check and wait.
        TimeUnit.NANOSECONDS.timedWait(signal, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    }
  }

  public Optional<VersionWarmed> warmed(ModuleRef ref) {
    return Optional.ofNullable(warmed.get(ref));
  }

  public Optional<VersionFailed> failed(ModuleRef ref) {
    return Optional.ofNullable(failed.get(ref));
  }

  /** The region outcome, or empty if the region has not reported. */
  public Optional<RegionReplicated> region(ModuleRef ref, String region) {
    return Optional.ofNullable(replicated.getOrDefault(ref, Map.of()).get(region));
  }

  /** The trace id the outcome events carried, or {@code -}. */
  public String traceId(ModuleRef ref) {
    return traceIds.getOrDefault(ref, "-");
  }

  private boolean ended(ModuleRef ref, Set<String> regions) {
    if (failed.containsKey(ref)) {
      return true;
    }
    return warmed.containsKey(ref)
        && replicated.getOrDefault(ref, Map.of()).keySet().containsAll(regions);
  }

  private void onWarmed(VersionWarmed event) {
    warmed.put(event.ref(), event);
    traceIds.putIfAbsent(event.ref(), TraceIds.current());
    wake();
  }

  private void onFailed(VersionFailed event) {
    failed.put(event.ref(), event);
    traceIds.putIfAbsent(event.ref(), TraceIds.current());
    wake();
  }

  private void onReplicated(RegionReplicated event) {
    replicated
        .computeIfAbsent(event.ref(), k -> new ConcurrentHashMap<>())
        .put(event.region(), event);
    wake();
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  @Override
  public void close() {
    subscriptions.forEach(EventBus.Subscription::close);
  }
}
