package dev.modmirror.deploy.chaos;

import dev.modmirror.core.event.RegionReplicated;
import dev.modmirror.core.event.VersionFailed;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Every outcome event read from the topics (all of them, in topic order, duplicates kept) and the
 * dead letters, as the invariants need them. Thread-safe: the observer adds while the run reads.
 */
final class Outcomes {
  /** One dead-lettered record: its key, the topic it was first published to, the group. */
  record DeadLetter(String key, String sourceTopic, String group) {}

  private final Map<ModuleRef, List<VersionWarmed>> warmed = new LinkedHashMap<>();
  private final Map<ModuleRef, List<VersionFailed>> failed = new LinkedHashMap<>();
  private final Map<ModuleRef, Map<String, RegionReplicated>> replicated = new LinkedHashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  // When each version's copy to a region was first reported done (System.nanoTime), for recoveries.
  private final Map<ModuleRef, Map<String, Long>> copiedAt = new LinkedHashMap<>();
  // The newest offset of each key on the index checkpoints.
  private final Map<String, Long> checkpoints = new LinkedHashMap<>();
  private long unreadable;

  synchronized void add(VersionWarmed event) {
    warmed.computeIfAbsent(event.ref(), r -> new ArrayList<>()).add(event);
    notifyAll();
  }

  synchronized void add(VersionFailed event) {
    failed.computeIfAbsent(event.ref(), r -> new ArrayList<>()).add(event);
    notifyAll();
  }

  /** Keeps the newest report of each region: a later successful copy supersedes a failed one. */
  synchronized void add(RegionReplicated event) {
    replicated.computeIfAbsent(event.ref(), r -> new LinkedHashMap<>()).put(event.region(), event);
    if (event.ok()) {
      copiedAt
          .computeIfAbsent(event.ref(), r -> new LinkedHashMap<>())
          .putIfAbsent(event.region(), System.nanoTime());
    }
    notifyAll();
  }

  synchronized void add(DeadLetter letter) {
    deadLetters.add(letter);
    notifyAll();
  }

  /**
   * A record read on the index checkpoints (the follower's or a poison), counted under its feed:
   * the index log's pipelined producers write {@code feed}, {@code feed#1}, {@code feed#2}...
   */
  synchronized void checkpoint(String key, long offset) {
    int slot = key.indexOf('#');
    checkpoints.merge(slot < 0 ? key : key.substring(0, slot), offset, Math::max);
    notifyAll();
  }

  /** The newest offset read on the index checkpoints of feed {@code key}, or -1. */
  synchronized long lastCheckpoint(String key) {
    return checkpoints.getOrDefault(key, -1L);
  }

  /**
   * When {@code ref} was first reported copied to every one of {@code regions} ({@link
   * System#nanoTime()} of the last of those reports as read here), or empty if it was not.
   */
  synchronized OptionalLong copiedEverywhereAt(ModuleRef ref, Set<String> regions) {
    Map<String, Long> at = copiedAt.getOrDefault(ref, Map.of());
    if (!at.keySet().containsAll(regions)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(regions.stream().mapToLong(at::get).max().orElseThrow());
  }

  synchronized void unreadable() {
    unreadable++;
  }

  synchronized List<VersionWarmed> warmed(ModuleRef ref) {
    return List.copyOf(warmed.getOrDefault(ref, List.of()));
  }

  synchronized List<VersionFailed> failed(ModuleRef ref) {
    return List.copyOf(failed.getOrDefault(ref, List.of()));
  }

  synchronized Set<ModuleRef> warmedRefs() {
    return Set.copyOf(warmed.keySet());
  }

  synchronized Set<ModuleRef> failedRefs() {
    return Set.copyOf(failed.keySet());
  }

  synchronized Optional<RegionReplicated> region(ModuleRef ref, String region) {
    return Optional.ofNullable(replicated.getOrDefault(ref, Map.of()).get(region));
  }

  synchronized List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** Records on the outcome topics that did not read as events (the poison sent to them). */
  synchronized long unreadableCount() {
    return unreadable;
  }

  /** True once {@code ref} has a terminal outcome: failed, or warmed and copied to every region. */
  synchronized boolean ended(ModuleRef ref, Set<String> regions) {
    if (failed.containsKey(ref)) {
      return true;
    }
    return warmed.containsKey(ref)
        && replicated.getOrDefault(ref, Map.of()).keySet().containsAll(regions);
  }

  /** Waits up to {@code millis} for any new event. */
  synchronized void awaitChange(long millis) throws InterruptedException {
    wait(Math.max(1, millis));
  }
}
