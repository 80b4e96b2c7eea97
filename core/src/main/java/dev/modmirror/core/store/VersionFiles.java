package dev.modmirror.core.store;

import dev.modmirror.core.module.ModuleRef;
import java.io.InputStream;
import java.util.Objects;

/**
 * The three files of one module version, as {@link ModuleStore#save} stores them, with the hashes
 * the caller verified them to have. The zip is a stream so that it is never held in memory; the
 * small files are bytes. Arrays are not copied.
 *
 * @param mod the go.mod bytes
 * @param zip the module zip; save reads it at most once, to its end, and does not close it
 * @param zipLength the zip's exact byte count, or -1 if unknown (the adapter then uploads in parts)
 * @param info the {@code .info} JSON bytes; written last, they mark the version complete
 * @param hashes the h1 of {@code zip} and of {@code mod}, as the caller computed and verified them;
 *     the store records them and compares them with what it holds, it does not hash the bytes again
 * @param placement how the zip is put instead of streaming {@code zip}, or null to stream it
 */
public record VersionFiles(
    byte[] mod,
    InputStream zip,
    long zipLength,
    byte[] info,
    VersionHashes hashes,
    ZipPlacement placement) {
  public VersionFiles {
    Objects.requireNonNull(mod, "mod");
    Objects.requireNonNull(zip, "zip");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(hashes, "hashes");
    if (zipLength < -1) {
      throw new IllegalArgumentException("zipLength must be -1 (unknown) or a byte count");
    }
  }

  /** A version whose zip is streamed from {@code zip}. */
  public VersionFiles(
      byte[] mod, InputStream zip, long zipLength, byte[] info, VersionHashes hashes) {
    this(mod, zip, zipLength, info, hashes, null);
  }

  /** A version whose zip {@code placement} puts (a copy on the server), not a stream. */
  public static VersionFiles placed(
      byte[] mod, ZipPlacement placement, byte[] info, VersionHashes hashes) {
    Objects.requireNonNull(placement, "placement");
    return new VersionFiles(mod, InputStream.nullInputStream(), 0, info, hashes, placement);
  }

  /** Puts the zip into {@code store}: placed, or streamed. */
  void putZip(ModuleStore store, ModuleRef ref) {
    if (placement != null) {
      placement.place(store, ref);
    } else {
      store.put(ref, Artifact.ZIP, zip, zipLength);
    }
  }
}
