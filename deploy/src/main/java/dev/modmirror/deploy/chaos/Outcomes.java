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
    notifyAll();
  }

  synchronized void add(DeadLetter letter) {
    deadLetters.add(letter);
    notifyAll();
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
