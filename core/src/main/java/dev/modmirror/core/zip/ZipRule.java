package dev.modmirror.core.zip;

/**
 * The rules a module zip can break, each with a stable id for failure events and metrics. A rule
 * that is {@linkplain #stricterThanGo() stricter than Go} refuses some zips that the go command
 * accepts, on purpose; docs/verification.md gives the reason for each. Every other rule refuses
 * exactly what the go command refuses (the differential fuzzer holds us to that).
 */
public enum ZipRule {
  /**
   * The version's major does not fit the path's {@code /vN} suffix. (The path and the version are
   * each valid on their own: {@link dev.modmirror.core.module.ModuleRef} holds only checked ones.)
   */
  MAJOR_VERSION_MISMATCH("major-version-mismatch", false),
  /** archive/zip cannot read the end records or the central directory. */
  NOT_A_ZIP("not-a-zip", false),
  /** The file ends before an entry's header, data or descriptor. */
  TRUNCATED("truncated", false),
  /** The file is larger than the zip size limit. */
  ZIP_TOO_LARGE("zip-too-large", false),
  /** The central directory does not end where the end record is (a prefix or a gap). */
  MISPLACED_DIRECTORY("misplaced-directory", true),
  /** A local header disagrees with its central directory entry (name, method, sizes, CRC). */
  LOCAL_HEADER_MISMATCH("local-header-mismatch", true),
  /** java.util.zip reads other entries than Go's reading does, or cannot read the file. */
  CENTRAL_DIRECTORY_MISMATCH("central-directory-mismatch", true),
  /** Two entries' headers or data overlap, or data runs into the central directory. */
  OVERLAPPING_ENTRIES("overlapping-entries", true),
  /** An entry has the encryption flag (Go ignores the flag and reads the bytes as they are). */
  ENCRYPTED_ENTRY("encrypted-entry", true),
  /** A file is neither stored nor deflated (archive/zip: {@code zip: unsupported algorithm}). */
  UNSUPPORTED_METHOD("unsupported-method", false),
  /** A deflate stream that does not inflate. */
  CORRUPT_ENTRY("corrupt-entry", false),
  /** An entry outside {@code module@version/}. */
  WRONG_PREFIX("wrong-prefix", false),
  /** A path that could escape the extraction root ({@code ..}, absolute, backslash, colon). */
  ZIP_SLIP("zip-slip", false),
  /** A path that {@code path.Clean} would change. */
  PATH_NOT_CLEAN("path-not-clean", false),
  /** A path that {@code module.CheckFilePath} refuses (or that is not UTF-8). */
  INVALID_FILE_PATH("invalid-file-path", false),
  /** Two paths equal under Unicode simple case folding. */
  CASE_COLLISION("case-collision", false),
  /** The same file twice. */
  DUPLICATE_ENTRY("duplicate-entry", false),
  /** A path that is both a file and a directory. */
  FILE_AND_DIRECTORY("file-and-directory", false),
  /** A go.mod below the root (a nested module). */
  GO_MOD_NOT_AT_ROOT("go-mod-not-at-root", false),
  /** A root go.mod whose name is not lower case. */
  GO_MOD_CASE("go-mod-case", false),
  /** An entry whose attributes say symbolic link. */
  SYMLINK("symlink", true),
  /** An entry whose attributes say neither file nor directory (FIFO, device, socket). */
  NOT_REGULAR_FILE("not-regular-file", true),
  /** A directory entry (name ending in {@code /}) that declares content. */
  DIRECTORY_WITH_CONTENT("directory-with-content", false),
  /** The declared uncompressed total is over the limit. */
  UNCOMPRESSED_TOO_LARGE("uncompressed-too-large", false),
  /** The root go.mod is over its limit. */
  GO_MOD_TOO_LARGE("go-mod-too-large", false),
  /** The root LICENSE is over its limit. */
  LICENSE_TOO_LARGE("license-too-large", false),
  /** Real content bytes differ from the declared size (lying headers, bombs). */
  SIZE_MISMATCH("size-mismatch", false),
  /** Content or data descriptor does not match the declared CRC-32. */
  CRC_MISMATCH("crc-mismatch", false);

  private final String id;
  private final boolean stricterThanGo;

  ZipRule(String id, boolean stricterThanGo) {
    this.id = id;
    this.stricterThanGo = stricterThanGo;
  }

  /** The stable rule name, such as {@code case-collision}. */
  public String id() {
    return id;
  }

  /** True for a documented, deliberate refusal of zips that the go command accepts. */
  public boolean stricterThanGo() {
    return stricterThanGo;
  }
}
