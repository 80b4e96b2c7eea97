package dev.modmirror.deploy.dev;

import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.telemetry.TraceIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    while (System.nanoTime() < deadline) {
      if (expected.stream().allMatch(ref -> ended(ref, regions))) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
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
  }

  private void onFailed(VersionFailed event) {
    failed.put(event.ref(), event);
    traceIds.putIfAbsent(event.ref(), TraceIds.current());
  }

  private void onReplicated(RegionReplicated event) {
    replicated
        .computeIfAbsent(event.ref(), k -> new ConcurrentHashMap<>())
        .put(event.region(), event);
  }

  @Override
  public void close() {
    subscriptions.forEach(EventBus.Subscription::close);
  }
}
