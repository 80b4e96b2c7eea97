package dev.modmirror.core.store;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.io.Bounded;
import dev.modmirror.core.io.Spool;
import dev.modmirror.core.module.ModuleRef;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads back what a store holds of one version, before anything is fetched or copied for it: a
 * version whose stored bytes still hash to its recorded hashes needs nothing; one whose {@code
 * .info} exists but whose files are missing or damaged at rest is repaired with bytes of the
 * recorded hashes only ({@link ModuleStore#repair}). An {@code .info} without recorded hashes
 * (written by an older release or another tool) is adopted: its stored bytes are hashed and the
 * hashes recorded, since those bytes are what readers were served.
 *
 * @param spoolDir scratch space for a stored zip while it is hashed
 * @param maxZipBytes the largest stored zip read back
 * @param maxModBytes the largest stored go.mod read back
 */
public record StoredVersions(Path spoolDir, long maxZipBytes, long maxModBytes) {
  public StoredVersions {
    Objects.requireNonNull(spoolDir, "spoolDir");
  }

  /** How far an inspection reads. */
  public enum Depth {
    /** Hash the stored zip and go.mod and compare with the recorded hashes. */
    HASH,
    /**
     * Only check that the files are there: a metadata read each. For copies whose bytes were
     * verified when written (a region); damage at rest there is left to reconciliation.
     */
    PRESENCE
  }

  /** What an inspection found. */
  public sealed interface Found {}

  /** No {@code .info}: the version is not complete (a pending save may have left objects). */
  public record Absent() implements Found {}

  /**
   * Complete with {@code hashes}, and its files are there (and, for {@link Depth#HASH}, hash to
   * them).
   */
  public record Intact(VersionHashes hashes, long zipSize) implements Found {}

  /** Complete with recorded {@code hashes}, but {@code problem} with its stored files. */
  public record Damaged(VersionHashes hashes, String problem) implements Found {}

  /**
   * Complete without recorded hashes, and its stored files cannot be read to find them: no bytes
   * can be proven to be this version. An operator decides (removing the {@code .info} lets the
   * version be warmed afresh).
   */
  public record Unknown(String problem) implements Found {}

  /**
   * Inspects {@code ref} in {@code store}.
   *
   * @throws dev.modmirror.core.error.TransientException if the store cannot be read
   */
  public Found inspect(ModuleStore store, ModuleRef ref, Depth depth) {
    for (int attempt = 0; ; attempt++) {
      CompletionMarker marker = store.marker(ref);
      if (marker instanceof CompletionMarker.Missing) {
        return new Absent();
      }
      if (marker instanceof CompletionMarker.Recorded recorded) {
        return depth == Depth.HASH
            ? hashed(store, ref, recorded.hashes())
            : present(store, ref, recorded.hashes());
      }
      Stored stored = read(store, ref);
      if (stored.problem().isPresent()) {
        return new Unknown(".info without recorded hashes, and " + stored.problem().get());
      }
      // Another adopter or writer may have recorded hashes meanwhile; read the marker again.
      if (store.recordHashes(ref, stored.hashes()) || attempt > 0) {
        return new Intact(stored.hashes(), stored.zipSize());
      }
    }
  }

  private Found present(ModuleStore store, ModuleRef ref, VersionHashes recorded) {
    Optional<Long> zipSize = store.size(ref, Artifact.ZIP);
    if (zipSize.isEmpty()) {
      return new Damaged(recorded, "no .zip");
    }
    if (store.size(ref, Artifact.MOD).isEmpty()) {
      return new Damaged(recorded, "no .mod");
    }
    return new Intact(recorded, zipSize.get());
  }

  private Found hashed(ModuleStore store, ModuleRef ref, VersionHashes recorded) {
    Stored stored = read(store, ref);
    if (stored.problem().isPresent()) {
      return new Damaged(recorded, stored.problem().get());
    }
    if (!stored.hashes().equals(recorded)) {
      return new Damaged(recorded, "stored bytes hash to " + stored.hashes());
    }
    return new Intact(recorded, stored.zipSize());
  }

  /** The stored files' hashes, or the reason they cannot be had. */
  private Stored read(ModuleStore store, ModuleRef ref) {
    Optional<InputStream> zip = store.open(ref, Artifact.ZIP);
    if (zip.isEmpty()) {
      return Stored.problem("no .zip");
    }
    try (Spool spool = Spool.create(spoolDir, "stored-", ref)) {
      long size = spool.fill(zip.get(), maxZipBytes, "stored .zip");
      Optional<InputStream> mod = store.open(ref, Artifact.MOD);
      if (mod.isEmpty()) {
        return Stored.problem("no .mod");
      }
      byte[] goMod = Bounded.read(mod.get(), maxModBytes, ref, "stored .mod");
      return new Stored(
          new VersionHashes(DirHash.hashZip(spool.path()), DirHash.hashGoMod(goMod)),
          size,
          Optional.empty());
    } catch (InvalidInputException e) {
      // Unreadable as a zip, or larger than any version may be: damage, not a reason to stop.
      return Stored.problem("stored bytes unreadable: " + e.getMessage());
    }
  }

  private record Stored(VersionHashes hashes, long zipSize, Optional<String> problem) {
    static Stored problem(String problem) {
      return new Stored(null, -1, Optional.of(problem));
    }
  }
}
