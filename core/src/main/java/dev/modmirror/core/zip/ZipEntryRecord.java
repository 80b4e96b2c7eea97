package dev.modmirror.core.zip;

/**
 * One entry of a zip's central directory, with the fields that {@link java.util.zip.ZipEntry} does
 * not expose (external attributes, local header offset).
 *
 * @param name the entry name, decoded as UTF-8 (Go treats names as bytes; invalid UTF-8 is rejected
 *     before a record exists)
 * @param madeBy the "version made by" field; its high byte is the host system
 * @param flags the general purpose bit flags
 * @param method the compression method (0 stored, 8 deflated)
 * @param crc the declared CRC-32 of the content
 * @param compressedSize the declared compressed size (zip64 resolved)
 * @param uncompressedSize the declared uncompressed size (zip64 resolved)
 * @param localHeaderOffset where the entry's local header starts (zip64 resolved)
 * @param externalAttributes the external file attributes (Unix mode in the high 16 bits)
 */
public record ZipEntryRecord(
    String name,
    int madeBy,
    int flags,
    int method,
    long crc,
    long compressedSize,
    long uncompressedSize,
    long localHeaderOffset,
    long externalAttributes) {
  private static final int HOST_UNIX = 3;
  private static final int HOST_MACOSX = 19;
  private static final int S_IFMT = 0170000;
  private static final int MSDOS_DIRECTORY = 0x10;

  /** What the entry's attributes say it is; names ending in {@code /} are directories in Go. */
  public enum Kind {
    REGULAR,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  /** True when the name ends with {@code /}: how x/mod and archive/zip tell a directory. */
  public boolean isDirectoryName() {
    return name.endsWith("/");
  }

  /**
   * The file type that the external attributes declare, read as archive/zip's {@code
   * FileHeader.Mode} reads them: Unix mode bits for Unix and macOS hosts, the MS-DOS directory bit
   * otherwise. A zero Unix type (many writers leave it unset) counts as regular.
   */
  public Kind kind() {
    int host = madeBy >>> 8;
    if (host == HOST_UNIX || host == HOST_MACOSX) {
      int type = (int) (externalAttributes >>> 16) & S_IFMT;
      return switch (type) {
        case 0, 0100000 -> isDirectoryName() ? Kind.DIRECTORY : Kind.REGULAR;
        case 0040000 -> Kind.DIRECTORY;
        case 0120000 -> Kind.SYMLINK;
        default -> Kind.OTHER;
      };
    }
    if ((externalAttributes & MSDOS_DIRECTORY) != 0 || isDirectoryName()) {
      return Kind.DIRECTORY;
    }
    return Kind.REGULAR;
  }

  /** The name's bytes as stored (names are strictly valid UTF-8, so this round trip is exact). */
  public byte[] rawName() {
    return name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** True when bit 0 (encryption) is set: Go cannot read such entries. */
  public boolean isEncrypted() {
    return (flags & 1) != 0;
  }

  /** True when sizes and CRC follow the data in a descriptor and the local header holds zeros. */
  public boolean hasDataDescriptor() {
    return (flags & 8) != 0;
  }
}
