package dev.modmirror.core.module;

/**
 * The size limits of a module version, owned here once (as x/mod exports {@code MaxZipFile}, {@code
 * MaxGoMod} and {@code MaxLICENSE}): the verifier, the warmer's fetch and the replicator's copy all
 * read them from this class. {@link #DEFAULT} holds the go command's values; an operator may lower
 * the zip limit ({@code MODMIRROR_WARMER_MAX_ZIP_BYTES}), and tests use small limits.
 *
 * @param maxZipFile the largest zip file accepted, in bytes (x/mod {@code MaxZipFile}, 500 MiB)
 * @param maxUncompressed the largest total uncompressed size of all files (also 500 MiB in x/mod)
 * @param maxGoMod the largest root {@code go.mod} and {@code .mod} ({@code MaxGoMod}, 16 MiB)
 * @param maxLicense the largest root {@code LICENSE} ({@code MaxLICENSE}, 16 MiB)
 * @param maxInfo the largest {@code .info} (64 KiB; the go command sets none, see
 *     docs/verification.md)
 */
public record ModuleLimits(
    long maxZipFile, long maxUncompressed, long maxGoMod, long maxLicense, long maxInfo) {
  private static final long MIB = 1L << 20;

  /** x/mod {@code MaxZipFile}: 500 MiB. */
  public static final long MAX_ZIP_FILE = 500 * MIB;

  /** x/mod {@code MaxGoMod}: 16 MiB. */
  public static final long MAX_GO_MOD = 16 * MIB;

  /** x/mod {@code MaxLICENSE}: 16 MiB. */
  public static final long MAX_LICENSE = 16 * MIB;

  /** Ours: a {@code .info} is a two-field JSON object; 64 KiB is far above any real one. */
  public static final long MAX_INFO = 64 * 1024;

  /** The go command's limits (and ours for {@code .info}). */
  public static final ModuleLimits DEFAULT =
      new ModuleLimits(MAX_ZIP_FILE, MAX_ZIP_FILE, MAX_GO_MOD, MAX_LICENSE, MAX_INFO);

  /**
   * @throws IllegalArgumentException if a limit is negative
   */
  public ModuleLimits {
    if (maxZipFile < 0 || maxUncompressed < 0 || maxGoMod < 0 || maxLicense < 0 || maxInfo < 0) {
      throw new IllegalArgumentException("module size limits must not be negative");
    }
  }

  /** The same limits with another zip file limit (the operator's setting). */
  public ModuleLimits withMaxZipFile(long bytes) {
    return new ModuleLimits(bytes, maxUncompressed, maxGoMod, maxLicense, maxInfo);
  }
}
