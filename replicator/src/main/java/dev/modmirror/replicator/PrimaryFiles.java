package dev.modmirror.replicator;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.io.Bounded;
import dev.modmirror.core.io.Spool;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.store.Artifact;
import dev.modmirror.core.store.ModuleStore;
import dev.modmirror.core.store.VersionFiles;
import dev.modmirror.core.store.VersionHashes;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One version's files read from the primary and verified against the hashes recorded there: the zip
 * spooled to scratch disk, re-verified (the zip rules) and re-hashed in one read, go.mod re-hashed,
 * the {@code .info} as stored. Only files of the expected hashes ever make one, so whatever is
 * copied from it is what was verified. Closing removes the spooled zip: the copies that read it
 * have ended by then, except an upload abandoned after a failure, which reads on from its open file
 * until it is interrupted.
 */
final class PrimaryFiles implements AutoCloseable {
  private final VersionHashes hashes;
  private final Spool zip;
  private final long zipSize;
  private final byte[] mod;
  private final byte[] info;

  private PrimaryFiles(VersionHashes hashes, Spool zip, long zipSize, byte[] mod, byte[] info) {
    this.hashes = hashes;
    this.zip = zip;
    this.zipSize = zipSize;
    this.mod = mod;
    this.info = info;
  }

  /**
   * What the files must hash to, as recorded with the primary's {@code .info}, and its bytes.
   *
   * @param hashes the recorded hashes
   * @param info the {@code .info} bytes to copy
   */
  record Expected(VersionHashes hashes, byte[] info) {}

  /**
   * Reads the version's {@code .zip} and {@code .mod} from {@code primary} at once (the zip on the
   * calling thread, spooled and verified, go.mod on {@code io}) while {@code expected} is being
   * read, and checks both against it once it is known. A caller starts reading {@code expected}
   * (the primary's {@code .info}) before it calls this, so the three reads overlap.
   *
   * @param expected waited for after the zip is verified; empty if the primary's version is not
   *     complete (its {@code .info} missing or without hashes): then nothing is returned and a file
   *     missing in the primary is not an error either
   * @return empty if {@code expected} is empty
   * @throws NotFoundException if the primary lacks the zip or go.mod of a complete version
   * @throws InvalidInputException if the zip breaks a rule or a file does not hash to {@code
   *     expected} (the zip is checked first)
   * @throws dev.modmirror.core.error.TransientException if the primary cannot be read
   */
  static Optional<PrimaryFiles> read(
      ModuleStore primary,
      ModuleRef ref,
      Supplier<Optional<Expected>> expected,
      Path spoolDir,
      ExecutorService io) {
    Future<byte[]> mod =
        io.submit(
            () ->
                Bounded.read(
                    open(primary, ref, Artifact.MOD),
                    ModuleLimits.MAX_GO_MOD,
                    ref,
                    "primary .mod"));
    Spool spool = Spool.create(spoolDir, "replicate-", ref);
    boolean kept = false;
    try {
      long size;
      String h1;
      try {
        size =
            spool.fill(open(primary, ref, Artifact.ZIP), ModuleLimits.MAX_ZIP_FILE, "primary .zip");
        // Re-verify what is copied, rules and h1 in one read.
        h1 = DirHash.verifyZip(spool.path(), ref, ModuleLimits.DEFAULT).h1();
      } catch (NotFoundException e) {
        // Gone with its .info since it was listed (a purge): nothing to copy, not a failure.
        if (expected.get().isEmpty()) {
          return Optional.empty();
        }
        throw e;
      }
      Optional<Expected> want = expected.get();
      if (want.isEmpty()) {
        return Optional.empty();
      }
      VersionHashes hashes = want.get().hashes();
      if (!h1.equals(hashes.h1())) {
        throw new InvalidInputException(
            "primary zip hash " + h1 + " differs from warmed " + hashes.h1(), ref);
      }
      byte[] goMod = CopyTasks.await(mod, ref);
      if (!DirHash.hashGoMod(goMod).equals(hashes.goModH1())) {
        throw new InvalidInputException(
            "primary go.mod hash differs from warmed " + hashes.goModH1(), ref);
      }
      kept = true;
      return Optional.of(new PrimaryFiles(hashes, spool, size, goMod, want.get().info()));
    } finally {
      if (!kept) {
        CopyTasks.cancel(mod);
        spool.close();
      }
    }
  }

  /** The go.mod, re-hashed against the expected hash. */
  static byte[] mod(ModuleStore primary, ModuleRef ref, VersionHashes expected) {
    byte[] mod =
        Bounded.read(
            open(primary, ref, Artifact.MOD), ModuleLimits.MAX_GO_MOD, ref, "primary .mod");
    if (!DirHash.hashGoMod(mod).equals(expected.goModH1())) {
      throw new InvalidInputException(
          "primary go.mod hash differs from warmed " + expected.goModH1(), ref);
    }
    return mod;
  }

  static InputStream open(ModuleStore primary, ModuleRef ref, Artifact artifact) {
    return primary
        .open(ref, artifact)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "primary has no " + artifact.extension() + " for a warmed version", ref));
  }

  /** The hashes the files were verified against: the primary's recorded ones. */
  VersionHashes hashes() {
    return hashes;
  }

  byte[] mod() {
    return mod;
  }

  byte[] info() {
    return info;
  }

  long zipSize() {
    return zipSize;
  }

  /** A new stream of the verified zip; the caller closes it. */
  InputStream openZip() {
    return zip.open();
  }

  /** The files for a save, the zip streamed from a stream the caller opened and closes. */
  VersionFiles toSave(InputStream zipStream) {
    return new VersionFiles(mod, zipStream, zipSize, info, hashes);
  }

  @Override
  public void close() {
    zip.close();
  }
}
