package dev.modmirror.replicator;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.Retry;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.RegionReconciled;
import dev.modmirror.core.event.RegionReconciled.Action;
import dev.modmirror.core.event.RegionReconciled.Finding;
import dev.modmirror.core.event.Topics;
import dev.modmirror.core.event.VersionConflict;
import dev.modmirror.core.module.ModulePath;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.CompletionMarker;
import dev.modmirror.core.store.InfoFile;
import dev.modmirror.core.store.ListedKey;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.ObjectKeys;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.store.StoredVersions;
import dev.modmirror.replicator.ReconcileReport.Count;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * replicated). The primary's files of a version are read and verified once for the regions of a run
 * that lack it ({@link SharedReads}), while each region's copy is inspected. Afterwards the
 * region's pending records ({@link UnreplicatedVersions}) of versions the region now holds are
 * cleared.
 *
 * <p>Each finding is logged at WARN naming the object (a missing version copied, at INFO: what a
 * region added by configuration is filled with); each repair is published as a {@link
 * RegionReconciled}, the repairs not waiting for each acknowledgement (the run returns once all are
 * acknowledged). A module's {@code @v/list} is rebuilt once, after its last version's repair, not
 * once per version. Safe to run concurrently with the replicators and with another reconcile: every
 * write is a verified save of immutable bytes.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final ModuleStore primary;
  private final List<VerifiedCopy> regions;
  private final Path spoolDir;
  private final ExecutorService io = CopyTasks.pool("reconcile");
  private final UnreplicatedVersions unreplicated;
  private final EventBus bus;
  private final Retry retry;
  private final Clock clock;
  private final Object publishing = new Object();
  private long unacknowledged; // guarded by publishing

  public Reconciler(
      ModuleStore primary,
      List<ModuleStore> regions,
      EventBus bus,
      ReplicatorConfig config,
      Clock clock) {
    this.primary = primary;
    this.regions =
        regions.stream().map(r -> new VerifiedCopy(primary, r, config.spoolDir(), io)).toList();
    this.spoolDir = config.spoolDir();
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
    try (SharedReads reads = sharedReads(settings)) {
      return run(settings, reads);
    }
  }

  /**
   * The run's reads of the primary, shared by the regions that stream (a region the primary's
   * server copies to reads no zip through this process): the copies in flight plus as many reads
   * kept for regions not there yet.
   */
  private SharedReads sharedReads(ReconcileSettings settings) {
    int idle = 0;
    int streaming = 0;
    for (VerifiedCopy region : regions) {
      if (!region.copiesOnServer()) {
        streaming++;
        idle += settings.concurrency(region.region().name());
      }
    }
    return SharedReads.ofPrimary(primary, streaming, idle, spoolDir, io);
  }

  private ReconcileReport run(ReconcileSettings settings, SharedReads reads) {
    ReconcileReport report = new ReconcileReport(settings.dryRun());
    List<Runnable> walks = new ArrayList<>();
    for (VerifiedCopy region : regions) {
      // Parts are created in region order, so the report lists regions as configured.
      ReconcileReport.Region part = report.region(region.region().name());
      walks.add(() -> walk(region, settings, reads, part));
    }
    if (walks.size() == 1) {
      walks.get(0).run();
      awaitPublished();
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
    awaitPublished();
    return report;
  }

  private void walk(
      VerifiedCopy region,
      ReconcileSettings settings,
      SharedReads reads,
      ReconcileReport.Region part) {
    try {
      new Pass(region, settings, reads, part).run();
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
    private final SharedReads reads;
    private final ReconcileReport.Region part;

    Pass(
        VerifiedCopy copy,
        ReconcileSettings settings,
        SharedReads reads,
        ReconcileReport.Region part) {
      this.copy = copy;
      this.region = copy.region();
      this.settings = settings;
      this.reads = reads;
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
      ModulePath path = (inPrimary != null ? inPrimary : inRegion).path();
      List<Consumer<ModuleList>> works = new ArrayList<>();
      for (String escaped : versions) {
        ModuleGroups.Files p = inPrimary == null ? null : inPrimary.versions().get(escaped);
        ModuleGroups.Files r = inRegion == null ? null : inRegion.versions().get(escaped);
        ModuleRef ref = new ModuleRef(path, (p != null ? p : r).version());
        part.add(Count.VERSIONS, 1);
        version(ref, p, r, purged.contains(escaped)).ifPresent(works::add);
      }
      ModuleList list = new ModuleList(path, works.size());
      for (Consumer<ModuleList> work : works) {
        submit(
            () -> {
              try {
                work.accept(list);
              } finally {
                list.finished();
              }
            },
            workers,
            slots);
      }
    }

    /**
     * Decides what a version needs; the returned work (if any) writes, and tells the module's list
     * if it left the version out of {@code @v/list}.
     */
    private Optional<Consumer<ModuleList>> version(
        ModuleRef ref, ModuleGroups.Files p, ModuleGroups.Files r, boolean purged) {
      if (purged) {
        part.add(Count.PURGED_SKIPPED, p != null && p.complete() ? 1 : 0);
        return r == null ? Optional.empty() : Optional.of(list -> removePurged(ref));
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

    private Optional<Consumer<ModuleList>> found(
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
      return Optional.of(list -> repair(ref, finding, detail, depth, list));
    }

    private void repair(
        ModuleRef ref,
        Finding finding,
        String detail,
        StoredVersions.Depth depth,
        ModuleList list) {
      try {
        Copied copied = retry.run(() -> copy(ref, finding, depth));
        if (copied.outcome().isEmpty()) {
          // Vanished since listed, or an .info without hashes: the warmer adopts those first.
          LOG.warn(
              "reconcile {}: {} not copied: the primary's .info {}",
              region.name(),
              ref,
              copied.notCopied());
          part.add(Count.PRIMARY_INCOMPLETE, 1);
          return;
        }
        SaveOutcome outcome = copied.outcome().get();
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
          list.unlisted(ref, finding);
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

    /**
     * One attempt at bringing the region's copy to the primary's: the primary's files read (shared
     * with the other regions) while the region is inspected. Not listed now: the module's list is
     * rebuilt once, after its last version's repair.
     */
    private Copied copy(ModuleRef ref, Finding finding, StoredVersions.Depth depth) {
      if (copy.copiesOnServer()) {
        // The zip is copied on the server: only the .info is read here, with its hashes.
        Optional<InfoFile> info = primary.readInfo(ref);
        if (info.isEmpty()) {
          return new Copied(Optional.empty(), "vanished");
        }
        if (!(info.get().marker() instanceof CompletionMarker.Recorded recorded)) {
          return new Copied(Optional.empty(), "records no hashes");
        }
        return new Copied(
            Optional.of(
                copy.run(ref, recorded.hashes(), Optional.of(info.get().bytes()), depth, false)),
            null);
      }
      try (SharedReads.Lease lease = reads.acquire(ref)) {
        // A version the listing found no object of is written create-only, without the region's
        // HEAD first; any other is inspected while the primary is read.
        Optional<SaveOutcome> outcome =
            finding == Finding.MISSING
                ? copy.runMissing(ref, () -> lease.read().files(), false)
                : copy.run(ref, () -> lease.read().files(), depth, false);
        return new Copied(outcome, outcome.isEmpty() ? lease.read().notCopied() : null);
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
      publish(() -> bus.publishAsync(Topics.CONFLICTS, event));
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
      if (finding == Finding.MISSING && action == Action.COPIED) {
        // A region added or behind is filled, not damaged: a line per version of a backfill
        // (a million in a large bucket) at INFO; the event and the report name each one.
        LOG.info("reconcile {}: {} {}: {} → {}", region.name(), ref, finding, detail, action);
      } else {
        LOG.warn("reconcile {}: {} {}: {} → {}", region.name(), ref, finding, detail, action);
      }
      RegionReconciled event =
          RegionReconciled.of(ref, region.name(), finding, action, detail, clock.instant());
      publish(() -> bus.publishAsync(Topics.RECONCILED, event));
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

    /**
     * The repairs of one module's versions: the last to finish rebuilds the module's {@code
     * @v/list} once if any version was left out of it (three requests per module instead of three
     * per version). A list that cannot be rebuilt fails each version it leaves out, as before.
     */
    private final class ModuleList {
      private final ModulePath path;
      private final AtomicInteger left;
      private final List<Map.Entry<ModuleRef, Finding>> unlisted =
          Collections.synchronizedList(new ArrayList<>());

      ModuleList(ModulePath path, int repairs) {
        this.path = path;
        this.left = new AtomicInteger(repairs);
      }

      void unlisted(ModuleRef ref, Finding finding) {
        unlisted.add(Map.entry(ref, finding));
      }

      void finished() {
        if (left.decrementAndGet() > 0 || unlisted.isEmpty()) {
          return;
        }
        try {
          retry.run(
              () -> {
                region.rebuildList(path);
                return null;
              });
        } catch (ModmirrorException e) {
          for (Map.Entry<ModuleRef, Finding> version : unlisted) {
            done(
                version.getKey(),
                version.getValue(),
                Action.FAILED,
                "copied, but its @v/list could not be rebuilt: " + e.getMessage(),
                Count.FAILED);
          }
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

  /** What one attempt at a copy ended with, or why the primary had nothing to copy. */
  private record Copied(Optional<SaveOutcome> outcome, String notCopied) {}

  /**
   * Starts publishing an event without waiting for its acknowledgement (a run awaits them all
   * before it returns: {@link #awaitPublished}). An event that cannot be published is logged; the
   * repair it reports stands.
   */
  private void publish(Supplier<CompletionStage<Void>> send) {
    CompletionStage<Void> sent;
    try {
      sent = send.get();
    } catch (ModmirrorException e) {
      LOG.warn("reconcile: event not published: {}", e.getMessage());
      return;
    }
    synchronized (publishing) {
      unacknowledged++;
    }
    sent.whenComplete(
        (ok, error) -> {
          if (error != null) {
            Throwable cause = error instanceof CompletionException c ? c.getCause() : error;
            LOG.warn("reconcile: event not published: {}", cause.getMessage());
          }
          synchronized (publishing) {
            unacknowledged--;
            publishing.notifyAll();
          }
        });
  }

  /** Returns once every event this reconciler started publishing is acknowledged or failed. */
  private void awaitPublished() {
    synchronized (publishing) {
      try {
        while (unacknowledged > 0) {
          publishing.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
