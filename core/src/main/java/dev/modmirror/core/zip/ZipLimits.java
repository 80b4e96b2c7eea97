package dev.modmirror.core.zip;

/**
 * Size limits of a module zip, as golang.org/x/mod/zip defines them. {@link #DEFAULT} holds the go
 * command's values; smaller limits exist for tests and for operators who want to be stricter.
 *
 * @param maxZipFile the largest zip file accepted, in bytes (x/mod {@code MaxZipFile}, 500 MiB)
 * @param maxUncompressed the largest total uncompressed size of all files (also 500 MiB in x/mod)
 * @param maxGoMod the largest root {@code go.mod} ({@code MaxGoMod}, 16 MiB)
 * @param maxLicense the largest root {@code LICENSE} ({@code MaxLICENSE}, 16 MiB)
 */
public record ZipLimits(long maxZipFile, long maxUncompressed, long maxGoMod, long maxLicense) {
  private static final long MIB = 1L << 20;

  /** The go command's limits: 500 MiB, 500 MiB, 16 MiB, 16 MiB. */
  public static final ZipLimits DEFAULT = new ZipLimits(500 * MIB, 500 * MIB, 16 * MIB, 16 * MIB);

  /**
   * @throws IllegalArgumentException if a limit is negative
   */
  public ZipLimits {
    if (maxZipFile < 0 || maxUncompressed < 0 || maxGoMod < 0 || maxLicense < 0) {
      throw new IllegalArgumentException("zip limits must not be negative");
    }
  }
}
