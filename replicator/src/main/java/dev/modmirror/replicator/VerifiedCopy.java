package dev.modmirror.replicator;

import dev.modmirror.core.error.InvalidInputException;
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
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.SaveOutcome;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Streams one version from the primary to a region: the zip is spooled, re-verified and re-hashed
 * in one read, and copied only if its h1 is the one the warmer recorded, so a region never receives
 * bytes that differ from what was verified. The region stores it with {@link ModuleStore#save},
 * {@code .info} last, as the primary did.
 */
final class VerifiedCopy {

  private final ModuleStore primary;
  private final ModuleStore region;
  private final Path spoolDir;

  VerifiedCopy(ModuleStore primary, ModuleStore region, Path spoolDir) {
    this.primary = primary;
    this.region = region;
    this.spoolDir = spoolDir;
  }

  SaveOutcome run(VersionWarmed warmed) {
    ModuleRef ref = warmed.ref();
    try (Spool spool = Spool.create(spoolDir, "replicate-", ref)) {
      long size = spool.fill(open(ref, Artifact.ZIP), ModuleLimits.MAX_ZIP_FILE, "primary .zip");
      // Re-verify what is copied, rules and h1 in one read.
      String h1 = DirHash.verifyZip(spool.path(), ref, ModuleLimits.DEFAULT).h1();
      if (!h1.equals(warmed.h1())) {
        throw new InvalidInputException(
            "primary zip hash " + h1 + " differs from warmed " + warmed.h1(), ref);
      }
      byte[] mod =
          Bounded.read(open(ref, Artifact.MOD), ModuleLimits.MAX_GO_MOD, ref, "primary .mod");
      if (!DirHash.hashGoMod(mod).equals(warmed.goModH1())) {
        throw new InvalidInputException(
            "primary go.mod hash differs from warmed " + warmed.goModH1(), ref);
      }
      byte[] info =
          Bounded.read(open(ref, Artifact.INFO), ModuleLimits.MAX_INFO, ref, "primary .info");
      try (InputStream zip = spool.open()) {
        SaveOutcome saved =
            region.save(
                ref,
                new VersionFiles(
                    mod, zip, size, info, new VersionHashes(warmed.h1(), warmed.goModH1())));
        if (saved instanceof SaveOutcome.Conflict conflict) {
          throw new PermanentException(
              "conflict: region " + region.name() + " holds " + conflict.stored(), ref);
        }
        return saved;
      }
    } catch (IOException e) {
      throw new TransientException("closing spooled zip failed", ref, e);
    }
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
