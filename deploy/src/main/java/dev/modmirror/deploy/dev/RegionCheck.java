package dev.modmirror.deploy.dev;

import dev.modmirror.core.event.VersionWarmed;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.io.Bounded;
import dev.modmirror.core.io.Spool;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a version back from a region bucket and checks it against what the warmer recorded: the
 * report says {@code ok} only for bytes that were re-hashed, not for an event that was received.
 */
final class RegionCheck {
  private RegionCheck() {}

  /** {@code OK}, {@code MISSING} (some artifact absent) or {@code MISMATCH} (hash differs). */
  static VersionReport.RegionState check(ModuleStore region, VersionWarmed warmed, Path scratch) {
    ModuleRef ref = warmed.ref();
    if (region.size(ref, Artifact.INFO).isEmpty()) {
      return VersionReport.RegionState.MISSING;
    }
    Optional<InputStream> zip = region.open(ref, Artifact.ZIP);
    Optional<InputStream> mod = region.open(ref, Artifact.MOD);
    if (zip.isEmpty() || mod.isEmpty()) {
      zip.ifPresent(RegionCheck::closeQuietly);
      mod.ifPresent(RegionCheck::closeQuietly);
      return VersionReport.RegionState.MISSING;
    }
    try (Spool spool = Spool.create(scratch, "check-", ref)) {
      spool.fill(zip.get(), Long.MAX_VALUE, "region .zip");
      byte[] modBytes = Bounded.read(mod.get(), 16L << 20, ref, "region .mod");
      boolean same =
          DirHash.hashZip(spool.path()).equals(warmed.h1())
              && DirHash.hashGoMod(modBytes).equals(warmed.goModH1());
      return same ? VersionReport.RegionState.OK : VersionReport.RegionState.MISMATCH;
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing was read from it.
    }
  }
}
