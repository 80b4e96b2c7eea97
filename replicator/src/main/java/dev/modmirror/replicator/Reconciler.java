package dev.modmirror.replicator;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.Retry;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReconciled;
import dev.modmirror.core.event.RegionReconciled.Action;
import dev.modmirror.core.event.RegionReconciled.Finding;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.store.StoredVersions;
import dev.modmirror.replicator.ReconcileReport.Count;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anti-entropy: makes every region hold what the primary holds, whatever happened in between (a
 * region down past its replicator's retries, objects deleted or altered out of band, a region added
 * by configuration). For each region, the primary and the region are listed as sorted streams and
 * walked side by side, one module at a time ({@link ModuleGroups}), so memory stays bounded by the
 * largest module whatever the bucket's size; nothing is ever loaded into a map of the bucket.
 *
 * <p>Per version: complete in the primary and missing or partial in the region (no {@code .info},
 * or a file missing) → copied; a file whose size or entity tag differs from the primary's → the
 * region's copy is re-hashed against the recorded hashes and repaired only if it does not hash to
 * them. Every write goes through the replicator's own {@link VerifiedCopy} (the primary's bytes
 * re-verified and re-hashed against the primary's recorded hashes, the region's {@link
 * ModuleStore#save} semantics): a region whose {@code .info} records other hashes is a conflict and
 * is never overwritten. Versions without {@code .info} in the primary are not copied; versions
 * purged in the primary (a tombstone) are never copied and are removed from a region that still
 * holds them; versions only in the region are reported, never deleted (deletions are not
 * replicated). Afterwards the region's pending records ({@link UnreplicatedVersions}) of versions
 * the region now holds are cleared.
 *
 * <p>Each finding is logged at WARN naming the object; each repair is published as a {@link
 * RegionReconciled}. Safe to run concurrently with the replicators and with another reconcile:
 * every write is a verified save of immutable bytes.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final ModuleStore primary;
  private final List<VerifiedCopy> regions;
  private final UnreplicatedVersions unreplicated;
  private final EventBus bus;
  private final Retry retry;
  private final Clock clock;

  public Reconciler(
      ModuleStore primary,
      List<ModuleStore> regions,
      EventBus bus,
      ReplicatorConfig config,
      Clock clock) {
    this.primary = primary;
    this.regions =
        regions.stream().map(r -> new VerifiedCopy(primary, r, config.spoolDir())).toList();
    this.unreplicated = new UnreplicatedVersions(primary);
    this.bus = bus;
    this.retry = Retry.of(config.maxAttempts(), config.backoff());
    this.clock = clock;
  }

  /** The regions this reconciler covers, by name. */
  public List<String> regions() {
    return regions.stream().map(c -> c.region().name()).toList();
  }

  /**
   * Reconciles every region, each region's walk in a thread of its own, so that a slow or
   * unreachable region never delays another's repairs (each region copies with its own {@link
   * ReconcileSettings#concurrency}). A region that cannot be listed is reported with its error; the
   * run never throws for a store's failure, and returns once every region's walk has ended.
   */
  public ReconcileReport run(ReconcileSettings settings) {
    ReconcileReport report = new ReconcileReport(settings.dryRun());
    List<Runnable> walks = new ArrayList<>();
    for (VerifiedCopy region : regions) {
      // Parts are created in region order, so the report lists regions as configured.
      ReconcileReport.Region part = report.region(region.region().name());
      walks.add(() -> walk(region, settings, part));
    }
    if (walks.size() == 1) {
      walks.get(0).run();
      return report;
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < walks.size(); i++) {
      Thread t = new Thread(walks.get(i), "reconcile-" + regions.get(i).region().name());
      t.start();
      threads.add(t);
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      Thread.currentThread().interrupt();
    }
    return report;
  }

  private void walk(VerifiedCopy region, ReconcileSettings settings, ReconcileReport.Region part) {
    try {
      new Pass(region, settings, part).run();
    } catch (ModmirrorException | IllegalStateException e) {
      part.fail(e.getMessage());
      LOG.error("reconcile of region {} stopped: {}", region.region().name(), e.getMessage());
    } catch (RuntimeException e) {
      // A bug, not a store's failure: reported in this region's part, the other regions go on.
      part.fail("internal: " + e);
      LOG.error("reconcile of region {} stopped", region.region().name(), e);
    }
  }

  /** One region's walk. */
  private final class Pass {
    private final VerifiedCopy copy;
    private final ModuleStore region;
    private final ReconcileSettings settings;
    private final ReconcileReport.Region part;

    Pass(VerifiedCopy copy, ReconcileSettings settings, ReconcileReport.Region part) {
      this.copy = copy;
      this.region = copy.region();
      this.settings = settings;
      this.part = part;
    }

    void run() {
      String prefix = settings.prefix();
      ModuleGroups primaryGroups = new ModuleGroups(primary.listKeys(prefix), "primary");
      ModuleGroups regionGroups = new ModuleGroups(region.listKeys(prefix), region.name());
      RecordGroups tombstones =
          new RecordGroups(primary.listKeys(ObjectKeys.TOMBSTONES + prefix), ObjectKeys.TOMBSTONES);
      int concurrency = settings.concurrency(region.name());
      ExecutorService workers = Executors.newFixedThreadPool(concurrency);
      Semaphore slots = new Semaphore(concurrency * 2);
      try {
        ModuleGroups.Group p = next(primaryGroups);
        ModuleGroups.Group r = next(regionGroups);
        while (p != null || r != null) {
          int order =
              p == null
                  ? 1
                  : r == null ? -1 : ObjectKeys.ORDER.compare(p.directory(), r.directory());
          ModuleGroups.Group inPrimary = order <= 0 ? p : null;
          ModuleGroups.Group inRegion = order >= 0 ? r : null;
          String directory = (inPrimary != null ? inPrimary : inRegion).directory();
          module(inPrimary, inRegion, tombstones.versionsOf(directory), workers, slots);
          if (inPrimary != null) {
            p = next(primaryGroups);
          }
          if (inRegion != null) {
            r = next(regionGroups);
          }
        }
      } finally {
        workers.shutdown();
        awaitQuietly(workers);
        part.add(Count.PRIMARY_KEYS, primaryGroups.listed());
        part.add(Count.REGION_KEYS, regionGroups.listed());
        part.add(Count.FOREIGN_PRIMARY, primaryGroups.foreign());
        part.add(Count.FOREIGN_REGION, regionGroups.foreign());
      }
      clearPending();
    }

    private ModuleGroups.Group next(ModuleGroups groups) {
      return groups.hasNext() ? groups.next() : null;
    }

    private void module(
        ModuleGroups.Group inPrimary,
        ModuleGroups.Group inRegion,
        Set<String> purged,
        ExecutorService workers,
        Semaphore slots) {
      Set<String> versions = new TreeSet<>(ObjectKeys.ORDER);
      if (inPrimary != null) {
        versions.addAll(inPrimary.versions().keySet());
      }
      if (inRegion != null) {
        versions.addAll(inRegion.versions().keySet());
      }
      for (String escaped : versions) {
        ModuleGroups.Files p = inPrimary == null ? null : inPrimary.versions().get(escaped);
        ModuleGroups.Files r = inRegion == null ? null : inRegion.versions().get(escaped);
        ModuleRef ref =
            new ModuleRef(
                (inPrimary != null ? inPrimary : inRegion).path(), (p != null ? p : r).version());
        part.add(Count.VERSIONS, 1);
        Optional<Runnable> work = version(ref, p, r, purged.contains(escaped));
        work.ifPresent(w -> submit(w, workers, slots));
      }
    }

    /** Decides what a version needs; the returned work (if any) writes. */
    private Optional<Runnable> version(
        ModuleRef ref, ModuleGroups.Files p, ModuleGroups.Files r, boolean purged) {
      if (purged) {
        part.add(Count.PURGED_SKIPPED, p != null && p.complete() ? 1 : 0);
        return r == null ? Optional.empty() : Optional.of(() -> removePurged(ref));
      }
      if (p == null || !p.complete()) {
        if (p != null) {
          part.add(Count.PRIMARY_INCOMPLETE, 1);
        }
        if (p == null && r != null && r.complete()) {
          part.add(Count.REGION_ONLY, 1);
          LOG.warn(
              "reconcile {}: {} is complete in the region but not in the primary; left alone"
                  + " (deletions are not replicated)",
              region.name(),
              ref);
        }
        return Optional.empty();
      }
      if (r == null) {
        return found(ref, Finding.MISSING, "not in the region", StoredVersions.Depth.PRESENCE);
      }
      for (Artifact a : List.of(Artifact.INFO, Artifact.MOD, Artifact.ZIP)) {
        if (r.get(a) == null) {
          return found(
              ref,
              Finding.PARTIAL,
              ObjectKeys.artifact(ref, a) + " missing",
              StoredVersions.Depth.PRESENCE);
        }
      }
      for (Artifact a : List.of(Artifact.ZIP, Artifact.MOD, Artifact.INFO)) {
        ListedKey want = p.get(a);
        ListedKey have = r.get(a);
        if (want != null && (want.size() != have.size() || !want.etag().equals(have.etag()))) {
          String detail =
              ObjectKeys.artifact(ref, a)
                  + " differs (size "
                  + have.size()
                  + ", primary "
                  + want.size()
                  + ")";
          return found(ref, Finding.MISMATCH, detail, StoredVersions.Depth.HASH);
        }
      }
      part.add(Count.IN_SYNC, 1);
      return Optional.empty();
    }

    private Optional<Runnable> found(
        ModuleRef ref, Finding finding, String detail, StoredVersions.Depth depth) {
      part.add(
          switch (finding) {
            case MISSING -> Count.MISSING;
            case PARTIAL -> Count.PARTIAL;
            default -> Count.MISMATCH;
          },
          1);
      if (settings.dryRun()) {
        part.row(new ReconcileReport.Row(ref, finding, Optional.empty(), detail));
        LOG.warn("reconcile {} (dry run): {} {}: {}", region.name(), ref, finding, detail);
        return Optional.empty();
      }
      return Optional.of(() -> repair(ref, finding, detail, depth));
    }

    private void repair(ModuleRef ref, Finding finding, String detail, StoredVersions.Depth depth) {
      try {
        CompletionMarker marker = primary.marker(ref);
        if (!(marker instanceof CompletionMarker.Recorded recorded)) {
          // Vanished since listed, or an .info without hashes: the warmer adopts those first.
          LOG.warn(
              "reconcile {}: {} not copied: the primary's .info {}",
              region.name(),
              ref,
              marker instanceof CompletionMarker.Missing ? "vanished" : "records no hashes");
          part.add(Count.PRIMARY_INCOMPLETE, 1);
          return;
        }
        SaveOutcome outcome = retry.run(() -> copy.run(ref, recorded.hashes(), depth));
        if (outcome instanceof SaveOutcome.Stored) {
          done(ref, finding, Action.COPIED, detail, Count.COPIED);
        } else if (outcome instanceof SaveOutcome.Repaired repaired) {
          done(
              ref,
              finding,
              Action.REPAIRED,
              detail + "; rewrote " + repaired.rewritten(),
              Count.REPAIRED);
        } else if (outcome instanceof SaveOutcome.Conflict conflict) {
          conflict(ref, finding, detail, conflict);
        } else {
          verified(ref, finding, detail);
        }
        if (outcome instanceof SaveOutcome.Complete complete && !complete.listed()) {
          region.rebuildList(ref.path());
        }
      } catch (ModmirrorException e) {
        done(
            ref,
            finding,
            Action.FAILED,
            detail + ": " + e.kind() + ": " + e.getMessage(),
            Count.FAILED);
      } catch (RuntimeException e) {
        done(ref, finding, Action.FAILED, detail + ": internal: " + e, Count.FAILED);
      }
    }

    private void verified(ModuleRef ref, Finding finding, String detail) {
      part.add(Count.VERIFIED, 1);
      LOG.info(
          "reconcile {}: {} {} ({}), but its bytes hash to the recorded hashes: nothing written",
          region.name(),
          ref,
          finding,
          detail);
    }

    private void conflict(ModuleRef ref, Finding finding, String detail, SaveOutcome.Conflict c) {
      VersionConflict event = VersionConflict.of(c, region.name(), "primary", clock.instant());
      publish(() -> bus.publish(Topics.CONFLICTS, event));
      LOG.error("CONFLICT {}: {}", ref, event.describe());
      done(ref, finding, Action.CONFLICT, detail + "; " + event.describe(), Count.CONFLICT);
    }

    private void removePurged(ModuleRef ref) {
      if (settings.dryRun()) {
        part.row(
            new ReconcileReport.Row(
                ref, Finding.PURGED, Optional.empty(), "purged, still in region"));
        part.add(Count.PURGED_REMOVED, 1);
        return;
      }
      try {
        Purge.remove(region, ref);
        done(ref, Finding.PURGED, Action.REMOVED, "purged in the primary", Count.PURGED_REMOVED);
      } catch (ModmirrorException e) {
        done(ref, Finding.PURGED, Action.FAILED, "removing: " + e.getMessage(), Count.FAILED);
      }
    }

    private void done(ModuleRef ref, Finding finding, Action action, String detail, Count count) {
      part.add(count, 1);
      part.row(new ReconcileReport.Row(ref, finding, Optional.of(action), detail));
      LOG.warn("reconcile {}: {} {}: {} → {}", region.name(), ref, finding, detail, action);
      RegionReconciled event =
          RegionReconciled.of(ref, region.name(), finding, action, detail, clock.instant());
      publish(() -> bus.publish(Topics.RECONCILED, event));
    }

    /** The pending records of versions the region now holds (or that need nothing) go. */
    private void clearPending() {
      if (settings.dryRun()) {
        return;
      }
      for (Iterator<ModuleRef> refs = unreplicated.refs(region.name(), settings.prefix());
          refs.hasNext(); ) {
        ModuleRef ref = refs.next();
        boolean inRegion = region.marker(ref) instanceof CompletionMarker.Recorded;
        boolean nothingToCopy =
            primary.marker(ref) instanceof CompletionMarker.Missing
                || primary.readRecord(ObjectKeys.tombstone(ref)).isPresent();
        if (inRegion || nothingToCopy) {
          unreplicated.clear(region.name(), ref);
          part.add(Count.PENDING_CLEARED, 1);
        } else {
          part.add(Count.PENDING_LEFT, 1);
        }
      }
    }

    private void submit(Runnable work, ExecutorService workers, Semaphore slots) {
      slots.acquireUninterruptibly();
      workers.execute(
          () -> {
            try {
              work.run();
            } finally {
              slots.release();
            }
          });
    }
  }

  /** An event that cannot be published is logged; the repair it reports stands. */
  private void publish(Runnable send) {
    try {
      send.run();
    } catch (ModmirrorException e) {
      LOG.warn("reconcile: event not published: {}", e.getMessage());
    }
  }

  private static void awaitQuietly(ExecutorService workers) {
    try {
      while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.info("reconcile: waiting for repairs in progress");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
