package dev.modmirror.replicator;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
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
 * {@code @v/list} rebuild (LIST, PUT, LIST). {@code CopyRequestsTest} counts them.
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

  VerifiedCopy(ModuleStore primary, ModuleStore region, Path spoolDir) {
    this.primary = primary;
    this.region = region;
    this.spoolDir = spoolDir;
    this.stored = new StoredVersions(spoolDir, ModuleLimits.MAX_ZIP_FILE, ModuleLimits.MAX_GO_MOD);
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
   * Brings the region's copy of {@code ref} to {@code expected}, the hashes verified in the
   * primary; {@code depth} says how far the region's copy is read back before it is trusted. With
   * {@code list} false a version copied now is not added to the region's {@code @v/list} ({@link
   * SaveOutcome.Complete#listed()} false): for a caller that copies several versions of a module
   * and rebuilds its list once. {@code primaryInfo} is the primary's {@code .info} when the caller
   * has just read it (with {@code expected}), so that a copy does not read it again.
   */
  SaveOutcome run(
      ModuleRef ref,
      VersionHashes expected,
      Optional<byte[]> primaryInfo,
      StoredVersions.Depth depth,
      boolean list) {
    StoredVersions.Found found = stored.inspect(region, ref, depth);
    if (found instanceof StoredVersions.Unknown unknown) {
      throw new PermanentException(
          "region " + region.name() + " holds " + ref + " complete but " + unknown.problem(), ref);
    }
    if (found instanceof StoredVersions.Intact intact) {
      if (!intact.hashes().equals(expected)) {
        return new SaveOutcome.Conflict(ref, intact.hashes(), expected, true);
      }
      region.completeLayouts(ref);
      return new SaveOutcome.AlreadyPresent(ref, expected, listed(ref));
    }
    if (found instanceof StoredVersions.Damaged damaged && !damaged.hashes().equals(expected)) {
      return new SaveOutcome.Conflict(ref, damaged.hashes(), expected, true);
    }
    return copy(ref, expected, primaryInfo, found instanceof StoredVersions.Damaged, list);
  }

  /**
   * Copies a version that the region lacks ({@code repair} false: the inspection has just read its
   * {@code .info} as missing) or holds damaged. A missing version is saved without a claim ({@link
   * ModuleStore#saveCopy}): the region's only writers copy the primary's recorded hashes, verified
   * here, so there is no other set of bytes for a claim to keep out.
   */
  private SaveOutcome copy(
      ModuleRef ref,
      VersionHashes expected,
      Optional<byte[]> primaryInfo,
      boolean repair,
      boolean list) {
    Optional<BucketLocation> source = primary.location();
    // A repair streams: bytes verified before they are written never replace a region's zip
    // with a damaged primary's, not even for the moment a server-side copy would take to check.
    if (!repair
        && source.isPresent()
        && region.location().filter(l -> l.copiesOnServerFrom(source.get())).isPresent()) {
      return copyOnServer(ref, expected, primaryInfo, source.get(), list);
    }
    try (Spool spool = Spool.create(spoolDir, "replicate-", ref)) {
      long size = spool.fill(open(ref, Artifact.ZIP), ModuleLimits.MAX_ZIP_FILE, "primary .zip");
      // Re-verify what is copied, rules and h1 in one read.
      String h1 = DirHash.verifyZip(spool.path(), ref, ModuleLimits.DEFAULT).h1();
      if (!h1.equals(expected.h1())) {
        throw new InvalidInputException(
            "primary zip hash " + h1 + " differs from warmed " + expected.h1(), ref);
      }
      byte[] mod = mod(ref, expected);
      byte[] info = primaryInfo.orElseGet(() -> info(ref));
      try (InputStream zip = spool.open()) {
        VersionFiles files = new VersionFiles(mod, zip, size, info, expected);
        return repair ? region.repair(ref, files) : region.saveCopy(ref, files, list);
      }
    } catch (IOException e) {
      throw new TransientException("closing spooled zip failed", ref, e);
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
    byte[] mod =
        Bounded.read(open(ref, Artifact.MOD), ModuleLimits.MAX_GO_MOD, ref, "primary .mod");
    if (!DirHash.hashGoMod(mod).equals(expected.goModH1())) {
      throw new InvalidInputException(
          "primary go.mod hash differs from warmed " + expected.goModH1(), ref);
    }
    return mod;
  }

  private byte[] info(ModuleRef ref) {
    return Bounded.read(open(ref, Artifact.INFO), ModuleLimits.MAX_INFO, ref, "primary .info");
  }

  private boolean listed(ModuleRef ref) {
    try {
      return region.listed(ref);
    } catch (ModmirrorException e) {
      return false;
    }
  }

  /** The region this copies to. */
  ModuleStore region() {
    return region;
  }

  private InputStream open(ModuleRef ref, Artifact artifact) {
    return primary
        .open(ref, artifact)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "primary has no " + artifact.extension() + " for a warmed version", ref));
  }
}
