package dev.modmirror.replicator;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionPurged;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a module version on purpose (retracted, malicious, legally removed) from the primary and
 * every region: the one way a version leaves modmirror's buckets, since deletions are never
 * replicated. A tombstone is written in the primary <em>first</em> ({@link ObjectKeys#tombstone}),
 * so that from then on reconcile neither copies the version nor leaves it in a region, the
 * replicator does not copy it from a warmed event still in its backlog, and the warmer does not
 * warm it again on a later request; then each store loses the version's {@code .info} first (the
 * version stops being complete for readers at once), its {@code .zip} and {@code .mod}, and its
 * {@code @v/list} entry. {@link #restore} removes the tombstone (the next request warms it again).
 * Both are published as {@link VersionPurged}. Safe to repeat: a purge interrupted by an
 * unreachable region is finished by running it again, or by the next reconcile.
 */
public final class Purge {
  private static final Logger LOG = LoggerFactory.getLogger(Purge.class);

  private final ModuleStore primary;
  private final List<ModuleStore> regions;
  private final EventBus bus;
  private final Clock clock;

  public Purge(ModuleStore primary, List<ModuleStore> regions, EventBus bus, Clock clock) {
    this.primary = primary;
    this.regions = List.copyOf(regions);
    this.bus = bus;
    this.clock = clock;
  }

  /** What a purge did: each store, and the error that kept it from being purged there, if any. */
  public record Result(ModuleRef ref, Map<String, String> stores) {
    /** Whether every store was purged. */
    public boolean complete() {
      return stores.values().stream().allMatch(String::isEmpty);
    }
  }

  /**
   * Purges {@code ref} everywhere.
   *
   * @param reason why, required; recorded in the tombstone and the event
   * @throws IllegalArgumentException if {@code reason} is blank
   * @throws dev.modmirror.core.error.TransientException if the tombstone cannot be written (then
   *     nothing was removed)
   */
  public Result purge(ModuleRef ref, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a purge needs a reason");
    }
    String record = "reason=" + reason.replace('\n', ' ') + "\npurgedAt=" + clock.instant() + "\n";
    primary.putRecord(ObjectKeys.tombstone(ref), record.getBytes(StandardCharsets.UTF_8));
    Map<String, String> stores = new LinkedHashMap<>();
    List<ModuleStore> all = new ArrayList<>();
    all.add(primary);
    all.addAll(regions);
    for (ModuleStore store : all) {
      try {
        remove(store, ref);
        stores.put(store.name(), "");
      } catch (ModmirrorException e) {
        stores.put(store.name(), e.getMessage());
        LOG.warn("purge {}: store {} not purged yet: {}", ref, store.name(), e.getMessage());
      }
    }
    for (ModuleStore region : regions) {
      try {
        new UnreplicatedVersions(primary).clear(region.name(), ref);
      } catch (ModmirrorException e) {
        // Reconcile clears it: a purged version has nothing left to copy.
      }
    }
    List<String> purged =
        stores.entrySet().stream()
            .filter(e -> e.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .toList();
    bus.publish(Topics.PURGED, VersionPurged.purged(ref, reason, purged, clock.instant()));
    LOG.warn("PURGED {} from {}: {}", ref, purged, reason);
    return new Result(ref, stores);
  }

  /**
   * Un-purges {@code ref}: removes its tombstone, so a later request warms it again and the
   * replicators and reconcile copy it. Nothing is copied back by this call.
   */
  public void restore(ModuleRef ref, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("an un-purge needs a reason");
    }
    primary.deleteRecord(ObjectKeys.tombstone(ref));
    bus.publish(Topics.PURGED, VersionPurged.restored(ref, reason, clock.instant()));
    LOG.warn("UN-PURGED {}: {}", ref, reason);
  }

  /** Whether {@code ref} is purged (a tombstone in {@code primary}). */
  public static boolean isPurged(ModuleStore primary, ModuleRef ref) {
    return primary.readRecord(ObjectKeys.tombstone(ref)).isPresent();
  }

  /**
   * Removes the version from one store: {@code .info} first, so it is never complete with a file
   * missing, then its files, its pending claim and its list entry. Athens' layouts, when the store
   * keeps them, are not removed (docs/operations.md).
   */
  static void remove(ModuleStore store, ModuleRef ref) {
    store.delete(ref, Artifact.INFO);
    store.delete(ref, Artifact.ZIP);
    store.delete(ref, Artifact.MOD);
    store.release(ref);
    store.rebuildList(ref.path());
  }
}
