package dev.modmirror.replicator;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.event.ConsumerBacklog;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Where one module version is, and how far behind each region is: what {@code modmirror status}
 * prints and the pending gauges report. Reads only (a HEAD or a one-key listing per object).
 */
public final class VersionStatus {
  private final ModuleStore primary;
  private final List<ModuleStore> regions;
  private final UnreplicatedVersions unreplicated;
  private final Optional<ConsumerBacklog> backlog;
  private final ReplicatorConfig config;
  private final Clock clock;

  /**
   * @param backlog the warmed events each region's group has not handled yet, where the bus can
   *     tell (the lag then covers copies still queued, not only those that gave up)
   */
  public VersionStatus(
      ModuleStore primary,
      List<ModuleStore> regions,
      Optional<ConsumerBacklog> backlog,
      ReplicatorConfig config,
      Clock clock) {
    this.primary = primary;
    this.regions = List.copyOf(regions);
    this.unreplicated = new UnreplicatedVersions(primary);
    this.backlog = backlog;
    this.config = config;
    this.clock = clock;
  }

  /** How a store holds a version. */
  public enum Presence {
    /** {@code .info}, {@code .mod} and {@code .zip} are there. */
    PRESENT,
    /** Nothing of the version. */
    MISSING,
    /** Some files but not all, or no {@code .info}: not served. */
    PARTIAL,
    /** The store could not be read; {@code detail} says why. */
    UNREACHABLE
  }

  /**
   * One store's view of a version.
   *
   * @param h1 the zip hash recorded with its {@code .info}, if any
   * @param arrived when its {@code .info} was written (the version became complete there)
   * @param pending for a region: the version is recorded as pending there (its copy gave up)
   */
  public record StoreView(
      String store,
      Presence presence,
      Optional<String> h1,
      Optional<Instant> arrived,
      boolean pending,
      String detail) {}

  /** The version in the primary, then in each region; {@code purged} if a tombstone marks it. */
  public record Report(ModuleRef ref, boolean purged, List<StoreView> stores) {}

  /** Looks the version up everywhere; a store that cannot be read is reported, not thrown. */
  public Report of(ModuleRef ref) {
    List<StoreView> views = new ArrayList<>();
    boolean purged = false;
    try {
      purged = Purge.isPurged(primary, ref);
    } catch (ModmirrorException e) {
      // Reported as the primary's view below.
    }
    views.add(view(primary, ref, false));
    for (ModuleStore region : regions) {
      views.add(view(region, ref, true));
    }
    return new Report(ref, purged, List.copyOf(views));
  }

  /**
   * Each region's pending count, its queue of warmed events not handled yet, and its lag: now − the
   * warmed time of the oldest version not in the region, pending or queued.
   */
  public List<RegionLag> regions() {
    Instant now = clock.instant();
    List<RegionLag> lags = new ArrayList<>();
    for (ModuleStore region : regions) {
      try {
        UnreplicatedVersions.Pending p = unreplicated.pending(region.name());
        Optional<Instant> oldest = p.oldestWarmedAt();
        long queued = -1;
        if (backlog.isPresent()) {
          ConsumerBacklog.Backlog<VersionWarmed> b =
              backlog.get().of(Topics.WARMED, config.group(region.name()));
          queued = b.records();
          for (VersionWarmed w : b.oldest()) {
            if (oldest.isEmpty() || w.warmedAt().isBefore(oldest.get())) {
              oldest = Optional.of(w.warmedAt());
            }
          }
        }
        Duration lag =
            oldest
                .map(t -> Duration.between(t, now))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        lags.add(new RegionLag(region.name(), p.count(), queued, lag, Optional.empty()));
      } catch (ModmirrorException e) {
        lags.add(new RegionLag(region.name(), -1, -1, Duration.ZERO, Optional.of(e.getMessage())));
      }
    }
    return lags;
  }

  /**
   * One region's backlog as the primary records it.
   *
   * @param pending versions whose copy gave up and that wait for reconcile; -1 if unknown
   * @param queued warmed events the region's replicator has not handled yet; -1 if unknown
   * @param lag now − the warmed time of the oldest version pending or queued; zero when none
   * @param error why the counts are unknown
   */
  public record RegionLag(
      String region, long pending, long queued, Duration lag, Optional<String> error) {}

  private StoreView view(ModuleStore store, ModuleRef ref, boolean region) {
    try {
      CompletionMarker marker = store.marker(ref);
      boolean zip = store.stat(ref, Artifact.ZIP).isPresent();
      boolean mod = store.stat(ref, Artifact.MOD).isPresent();
      boolean info = !(marker instanceof CompletionMarker.Missing);
      Presence presence =
          info && zip && mod
              ? Presence.PRESENT
              : !info && !zip && !mod ? Presence.MISSING : Presence.PARTIAL;
      Optional<String> h1 =
          marker instanceof CompletionMarker.Recorded r
              ? Optional.of(r.hashes().h1())
              : Optional.empty();
      boolean pending =
          region && primary.readRecord(ObjectKeys.unreplicated(store.name(), ref)).isPresent();
      return new StoreView(
          store.name(), presence, h1, info ? arrived(store, ref) : Optional.empty(), pending, "");
    } catch (ModmirrorException e) {
      return new StoreView(
          store.name(),
          Presence.UNREACHABLE,
          Optional.empty(),
          Optional.empty(),
          false,
          e.getMessage());
    }
  }

  /** The {@code .info}'s write time, from a listing of its one key (S3 HEAD has it too). */
  private static Optional<Instant> arrived(ModuleStore store, ModuleRef ref) {
    String key = ObjectKeys.artifact(ref, Artifact.INFO);
    for (Iterator<ListedKey> keys = store.listKeys(key); keys.hasNext(); ) {
      ListedKey listed = keys.next();
      if (listed.key().equals(key)) {
        return Optional.of(listed.lastModified());
      }
    }
    return Optional.empty();
  }
}
