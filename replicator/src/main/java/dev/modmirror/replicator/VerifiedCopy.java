package dev.modmirror.replicator;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.io.Bounded;
import dev.modmirror.core.io.Spool;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.BucketLocation;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.store.StoredVersions;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Streams one version from the primary to a region, with the region held to the same rules as the
 * primary: a region that already holds the warmed hashes gets nothing (its list at most), a region
 * whose {@code .info} records other hashes is a {@link SaveOutcome.Conflict} and is never
 * overwritten, and a region missing files of the warmed hashes is repaired. What is copied is the
 * primary's zip, spooled, re-verified and re-hashed in one read, and only if its h1 is the one the
 * warmer recorded, so a region never receives bytes that differ from what was verified; the region
 * stores it in the port's order, {@code .info} last and only if absent, as the primary did, but
 * without the primary's claim ({@link ModuleStore#saveCopy}).
 *
 * <p>A version new to the region costs, in S3 requests: the region's {@code .info} read (HEAD); the
 * primary's {@code .zip}, {@code .mod} and {@code .info} read (three GETs); the region's {@code
 * .mod}, {@code .zip} and conditional {@code .info} written (three PUTs); and, when listed now, the
 * {@code @v/list} rebuild (LIST, PUT, LIST). {@code CopyRequestsTest} counts them. Requests that do
 * not need each other's answer run at once ({@link CopyTasks}): the primary's three GETs, then the
 * region's {@code .mod} and {@code .zip} PUTs; the {@code .info} PUT waits for both, so a copy's
 * critical path is four steps of round trips and the zip's verification, not seven requests in a
 * row. A reconcile also reads the primary while the region is inspected (three steps) ({@link
 * #run(ModuleRef, Supplier, StoredVersions.Depth, boolean)}); a version its listing found no object
 * of is not inspected at all, its {@code .mod} and {@code .zip} written create-only instead (two
 * steps), so that a version completed since the listing is never overwritten ({@link #runMissing}).
 *
 * <p>When the region is another bucket of the primary's endpoint under the same credentials ({@link
 * BucketLocation#copiesOnServerFrom}), a version new to the region has its zip copied on the server
 * instead, then read back from the region and re-verified before the {@code .info}: the check moves
 * from before the write to between the write and the {@code .info}, which is what makes a version
 * complete. Repairs of a complete version always stream.
 */
final class VerifiedCopy {
  private final ModuleStore primary;
  private final ModuleStore region;
  private final Path spoolDir;
  private final StoredVersions stored;
  private final ExecutorService io;

  /**
   * @param io runs the requests of a copy that do not wait for each other ({@link CopyTasks#pool})
   */
  VerifiedCopy(ModuleStore primary, ModuleStore region, Path spoolDir, ExecutorService io) {
    this.primary = primary;
    this.region = region;
    this.spoolDir = spoolDir;
    this.stored = new StoredVersions(spoolDir, ModuleLimits.MAX_ZIP_FILE, ModuleLimits.MAX_GO_MOD);
    this.io = io;
  }

  SaveOutcome run(VersionWarmed warmed) {
    // Presence only: the region's bytes were verified when copied; damage at rest there is for
    // reconciliation, not for every replay of the warmed topic.
    return run(
        warmed.ref(),
        new VersionHashes(warmed.h1(), warmed.goModH1()),
        Optional.empty(),
        StoredVersions.Depth.PRESENCE,
        true);
  }

  /**
   * As {@link #run(VersionWarmed)}, with a version new to the region copied from a read of the
   * primary that other regions' copies share ({@code reads}): read and verified once for them all,
   * against the hashes recorded with the primary's {@code .info}, used only if those are the warmed
   * ones. Otherwise (the primary's {@code .info} records no hashes or others, or a repair, or a
   * server-side copy) the version is read for this copy alone, verified against the warmed hashes.
   * The region is inspected first, so a replay reads nothing from the primary.
   */
  SaveOutcome run(VersionWarmed warmed, SharedReads reads) {
    ModuleRef ref = warmed.ref();
    VersionHashes expected = new VersionHashes(warmed.h1(), warmed.goModH1());
    StoredVersions.Found found = stored.inspect(region, ref, StoredVersions.Depth.PRESENCE);
    Optional<SaveOutcome> decided = decided(ref, found, expected);
    if (decided.isPresent()) {
      return decided.get();
    }
    boolean repair = found instanceof StoredVersions.Damaged;
    if (repair || copiesOnServer()) {
      return copy(ref, expected, Optional.empty(), repair, true);
    }
    try (SharedReads.Lease lease = reads.acquire(ref)) {
      Optional<PrimaryFiles> files = lease.read().files();
      if (files.isPresent() && files.get().hashes().equals(expected)) {
        return copy(ref, files.get(), false, true);
      }
    }
    return copy(ref, expected, Optional.empty(), false, true);
  }

  /**
   * Brings the region's copy of {@code ref} to {@code expected}, the hashes verified in the
   * primary; {@code depth} says how far the region's copy is read back before it is trusted. With
   * {@code list} false a version copied now is not added to the region's {@code @v/list} ({@link
   * SaveOutcome.Complete#listed()} false): for a caller that copies several versions of a module
   * and rebuilds its list once. {@code primaryInfo} is the primary's {@code .info} when the caller
   * has just read it (with {@code expected}), so that a copy does not read it again. The primary's
   * files are read only once the region is found to need them.
   */
  SaveOutcome run(
      ModuleRef ref,
      VersionHashes expected,
      Optional<byte[]> primaryInfo,
      StoredVersions.Depth depth,
      boolean list) {
    StoredVersions.Found found = stored.inspect(region, ref, depth);
    return decided(ref, found, expected)
        .orElseGet(
            () -> copy(ref, expected, primaryInfo, found instanceof StoredVersions.Damaged, list));
  }

  /**
   * As {@link #run(ModuleRef, VersionHashes, Optional, StoredVersions.Depth, boolean)}, for a
   * caller that has started reading the primary's files already ({@code source}, waited for after
   * the region's inspection, which runs meanwhile): the hashes to bring the region to are the ones
   * the files were verified against. The caller owns the files and removes them after this returns.
   *
   * @return empty if {@code source} has nothing to copy (the primary's version is not complete)
   */
  Optional<SaveOutcome> run(
      ModuleRef ref,
      Supplier<Optional<PrimaryFiles>> source,
      StoredVersions.Depth depth,
      boolean list) {
    StoredVersions.Found found = stored.inspect(region, ref, depth);
    Optional<PrimaryFiles> files = source.get();
    if (files.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        decided(ref, found, files.get().hashes())
            .orElseGet(
                () -> copy(ref, files.get(), found instanceof StoredVersions.Damaged, list)));
  }

  /**
   * As {@link #run(ModuleRef, Supplier, StoredVersions.Depth, boolean)}, for a version whose region
   * listing held no object at all: the region is not inspected first (its {@code .info} HEAD would
   * only re-read what the listing said). Its {@code .mod} and {@code .zip} are written create-only
   * ({@link ModuleStore#saveNew}), so a version that another writer completed since the listing is
   * never overwritten; if either is found there, the version is inspected and decided as any
   * version found present (already present, a conflict, a repair or a copy). A region without
   * atomic create-only writes of these sizes ({@link ModuleStore#createsAtomically}) is inspected
   * first, as before.
   *
   * @return empty if {@code source} has nothing to copy (the primary's version is not complete)
   */
  Optional<SaveOutcome> runMissing(
      ModuleRef ref, Supplier<Optional<PrimaryFiles>> source, boolean list) {
    Optional<PrimaryFiles> files = source.get();
    if (files.isEmpty()) {
      return Optional.empty();
    }
    PrimaryFiles f = files.get();
    if (region.createsAtomically(Artifact.MOD, f.mod().length)
        && region.createsAtomically(Artifact.ZIP, f.zipSize())) {
      Optional<SaveOutcome> created = createNew(ref, f, list);
      if (created.isPresent()) {
        return created;
      }
    }
    return run(ref, () -> files, StoredVersions.Depth.PRESENCE, list);
  }

  /**
   * The version's {@code .mod} and {@code .zip} created at once, then its {@code .info}; empty if
   * either was there already.
   */
  private Optional<SaveOutcome> createNew(ModuleRef ref, PrimaryFiles files, boolean list) {
    Future<Boolean> zipCreate =
        io.submit(
            () -> {
              try (InputStream zip = files.openZip()) {
                return region.putIfAbsent(ref, Artifact.ZIP, zip, files.zipSize());
              }
            });
    try {
      return region.saveNew(
          ref,
          VersionFiles.placed(files.mod(), (store, r) -> {}, files.info(), files.hashes()),
          () -> CopyTasks.await(zipCreate, ref),
          list);
    } finally {
      CopyTasks.cancel(zipCreate);
    }
  }

  /** The outcome when the inspection decides it; empty if the version is to be copied. */
  private Optional<SaveOutcome> decided(
      ModuleRef ref, StoredVersions.Found found, VersionHashes expected) {
    if (found instanceof StoredVersions.Unknown unknown) {
      throw new PermanentException(
          "region " + region.name() + " holds " + ref + " complete but " + unknown.problem(), ref);
    }
    if (found instanceof StoredVersions.Intact intact) {
      if (!intact.hashes().equals(expected)) {
        return Optional.of(new SaveOutcome.Conflict(ref, intact.hashes(), expected, true));
      }
      region.completeLayouts(ref);
      return Optional.of(new SaveOutcome.AlreadyPresent(ref, expected, listed(ref)));
    }
    if (found instanceof StoredVersions.Damaged damaged && !damaged.hashes().equals(expected)) {
      return Optional.of(new SaveOutcome.Conflict(ref, damaged.hashes(), expected, true));
    }
    return Optional.empty();
  }

  /**
   * Copies a version that the region lacks ({@code repair} false: the inspection has just read its
   * {@code .info} as missing) or holds damaged, reading the primary's files now.
   */
  private SaveOutcome copy(
      ModuleRef ref,
      VersionHashes expected,
      Optional<byte[]> primaryInfo,
      boolean repair,
      boolean list) {
    // A repair streams: bytes verified before they are written never replace a region's zip
    // with a damaged primary's, not even for the moment a server-side copy would take to check.
    if (!repair && copiesOnServer()) {
      return copyOnServer(ref, expected, primaryInfo, primary.location().orElseThrow(), list);
    }
    // The .info read beside the zip and go.mod, unless the caller has it.
    Future<byte[]> info = primaryInfo.isPresent() ? null : io.submit(() -> info(ref));
    try (PrimaryFiles files =
        PrimaryFiles.read(
                primary,
                ref,
                () ->
                    Optional.of(
                        new PrimaryFiles.Expected(
                            expected,
                            info == null ? primaryInfo.get() : CopyTasks.await(info, ref))),
                spoolDir,
                io)
            .orElseThrow()) {
      return copy(ref, files, repair, list);
    } finally {
      CopyTasks.cancel(info);
    }
  }

  /**
   * Copies verified files. A missing version is saved without a claim ({@link
   * ModuleStore#saveCopy}): the region's only writers copy the primary's recorded hashes, verified
   * here, so there is no other set of bytes for a claim to keep out. Its {@code .zip} upload starts
   * at once, beside the save's {@code .mod}; the save writes the {@code .info} only after both have
   * succeeded. A damaged version is repaired through the port's checks first, one file after the
   * other: a complete version's files are never replaced before the port has compared its hashes.
   */
  private SaveOutcome copy(ModuleRef ref, PrimaryFiles files, boolean repair, boolean list) {
    if (repair) {
      try (InputStream zip = files.openZip()) {
        return region.repair(ref, files.toSave(zip));
      } catch (IOException e) {
        throw new TransientException("closing spooled zip failed", ref, e);
      }
    }
    Future<Void> zipPut =
        io.submit(
            () -> {
              try (InputStream zip = files.openZip()) {
                region.put(ref, Artifact.ZIP, zip, files.zipSize());
              }
              return null;
            });
    try {
      return region.saveCopy(
          ref,
          VersionFiles.placed(
              files.mod(), (store, r) -> CopyTasks.await(zipPut, r), files.info(), files.hashes()),
          list);
    } finally {
      // Ended unless the save failed before it needed the zip: then it is not wanted.
      CopyTasks.cancel(zipPut);
    }
  }

  /**
   * The primary and the region are buckets of one endpoint and account: the zip is copied on the
   * server, then read back from the region and re-verified (rules and h1, as a streamed copy
   * verifies the primary's) before the region's {@code .info} is written, so the recorded h1 is
   * still what arrived. A copy that does not hash to it is removed and the save fails before its
   * {@code .info}. The upload through this process is what is saved, not the read.
   */
  private SaveOutcome copyOnServer(
      ModuleRef ref,
      VersionHashes expected,
      Optional<byte[]> primaryInfo,
      BucketLocation source,
      boolean list) {
    byte[] mod = mod(ref, expected);
    byte[] info = primaryInfo.orElseGet(() -> info(ref));
    return region.saveCopy(
        ref,
        VersionFiles.placed(
            mod, (store, r) -> placeOnServer(store, r, source, expected), info, expected),
        list);
  }

  private void placeOnServer(
      ModuleStore store, ModuleRef ref, BucketLocation source, VersionHashes expected) {
    if (!store.copyOnServer(source, ref, Artifact.ZIP)) {
      throw new PermanentException(
          "region " + store.name() + " declined a server-side copy from " + source, ref);
    }
    String h1;
    try (Spool spool = Spool.create(spoolDir, "verify-", ref)) {
      InputStream copied =
          store
              .open(ref, Artifact.ZIP)
              .orElseThrow(
                  () -> new TransientException("the server-side copy's .zip vanished", ref));
      spool.fill(copied, ModuleLimits.MAX_ZIP_FILE, store.name() + " .zip");
      h1 = DirHash.verifyZip(spool.path(), ref, ModuleLimits.DEFAULT).h1();
    } catch (InvalidInputException e) {
      store.delete(ref, Artifact.ZIP);
      throw e;
    }
    if (!h1.equals(expected.h1())) {
      store.delete(ref, Artifact.ZIP);
      throw new InvalidInputException(
          "server-side copy to "
              + store.name()
              + " hashes to "
              + h1
              + ", not the warmed "
              + expected.h1()
              + " (removed)",
          ref);
    }
  }

  private byte[] mod(ModuleRef ref, VersionHashes expected) {
    return PrimaryFiles.mod(primary, ref, expected);
  }

  private byte[] info(ModuleRef ref) {
    return Bounded.read(
        PrimaryFiles.open(primary, ref, Artifact.INFO),
        ModuleLimits.MAX_INFO,
        ref,
        "primary .info");
  }

  private boolean listed(ModuleRef ref) {
    try {
      return region.listed(ref);
    } catch (ModmirrorException e) {
      return false;
    }
  }

  /**
   * Whether a version new to the region has its zip copied on the server ({@link
   * BucketLocation#copiesOnServerFrom}): then reading the primary's zip through this process ahead
   * of the copy would be wasted.
   */
  boolean copiesOnServer() {
    return copiesOnServer(primary, region);
  }

  /** As {@link #copiesOnServer()}, for a region not yet given a copier. */
  static boolean copiesOnServer(ModuleStore primary, ModuleStore region) {
    Optional<BucketLocation> source = primary.location();
    return source.isPresent()
        && region.location().filter(l -> l.copiesOnServerFrom(source.get())).isPresent();
  }

  /** The region this copies to. */
  ModuleStore region() {
    return region;
  }
}
