package dev.modmirror.core.zip;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModulePaths;

/**
 * The per-entry rules of x/mod {@code checkZip}, applied in its order to central directory entries,
 * plus the file-type rule (symlinks and other irregular entries) read from the external attributes.
 * Accumulates what a summary reports.
 */
final class EntryRules {
  private final String prefix;
  private final ModuleLimits limits;
  private final Blame blame;
  private final CollisionChecker collisions;
  private long declaredTotal;
  int fileCount;
  boolean hasGoMod;
  boolean hasLicense;

  EntryRules(String prefix, ModuleLimits limits, Blame blame) {
    this.prefix = prefix;
    this.limits = limits;
    this.blame = blame;
    this.collisions = new CollisionChecker(blame);
  }

  /**
   * Returns whether the entry is a file whose content must be read.
   *
   * @param opened whether Go opens the entry (dirhash opens only the last entry of a name, so an
   *     earlier duplicate directory's declared content is never read)
   */
  boolean check(ZipEntryRecord e, boolean opened) {
    if (!e.name().startsWith(prefix)) {
      throw blame.fail(
          ZipRule.WRONG_PREFIX, "path " + e.name() + " does not have prefix \"" + prefix + "\"");
    }
    String name = e.name().substring(prefix.length());
    if (name.isEmpty()) {
      // The root entry is a directory like any other: archive/zip fails to read it with content.
      if (opened && e.uncompressedSize() != 0) {
        throw blame.fail(ZipRule.DIRECTORY_WITH_CONTENT, "root entry " + e.name() + " has content");
      }
      return false;
    }
    boolean isDir = name.endsWith("/");
    if (isDir) {
      name = name.substring(0, name.length() - 1);
    }
    checkPath(e.name(), name);
    collisions.check(name, isDir);
    if (isDir) {
      // archive/zip tolerates compressed bytes (jar tools deflate empty directories) but fails
      // reading a directory that declares content; Go would fail hashing such a zip.
      if (opened && e.uncompressedSize() != 0) {
        throw blame.fail(
            ZipRule.DIRECTORY_WITH_CONTENT, "directory entry " + e.name() + " has content");
      }
      return false;
    }
    checkKind(e);
    checkGoMod(name);
    checkSizes(e, name);
    fileCount++;
    hasGoMod |= name.equals("go.mod");
    hasLicense |= name.equals("LICENSE");
    return true;
  }

  private void checkPath(String entryName, String name) {
    String escape = EntryNames.escapeReason(name);
    if (escape != null) {
      throw blame.fail(ZipRule.ZIP_SLIP, entryName + ": " + escape);
    }
    if (!isClean(name)) {
      throw blame.fail(ZipRule.PATH_NOT_CLEAN, entryName + ": file path is not clean");
    }
    try {
      ModulePaths.checkFilePath(name);
    } catch (InvalidInputException e) {
      throw blame.fail(ZipRule.INVALID_FILE_PATH, e.getMessage());
    }
  }

  /** Go's {@code path.Clean(p) == p} for a relative path that has no {@code ..} element. */
  private static boolean isClean(String p) {
    if (p.equals(".")) {
      return true;
    }
    for (String element : p.split("/", -1)) {
      if (element.isEmpty() || element.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private void checkKind(ZipEntryRecord e) {
    switch (e.kind()) {
      case REGULAR -> {}
      case SYMLINK -> throw blame.fail(ZipRule.SYMLINK, e.name() + " is a symbolic link");
      default -> throw blame.fail(ZipRule.NOT_REGULAR_FILE, e.name() + " is not a regular file");
    }
  }

  private void checkGoMod(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (base.equalsIgnoreCase("go.mod")) {
      if (!base.equals(name)) {
        throw blame.fail(
            ZipRule.GO_MOD_NOT_AT_ROOT,
            name + ": go.mod file not in module root directory (a nested module)");
      }
      if (!name.equals("go.mod")) {
        throw blame.fail(ZipRule.GO_MOD_CASE, name + ": go.mod files must have lowercase names");
      }
    }
  }

  private void checkSizes(ZipEntryRecord e, String name) {
    long size = e.uncompressedSize();
    if (size > limits.maxUncompressed() - declaredTotal) {
      throw blame.fail(
          ZipRule.UNCOMPRESSED_TOO_LARGE,
          "total uncompressed size of module contents too large (max size is "
              + limits.maxUncompressed()
              + " bytes)");
    }
    declaredTotal += size;
    if (name.equals("go.mod") && size > limits.maxGoMod()) {
      throw blame.fail(
          ZipRule.GO_MOD_TOO_LARGE,
          "go.mod file too large (max size is " + limits.maxGoMod() + ")");
    }
    if (name.equals("LICENSE") && size > limits.maxLicense()) {
      throw blame.fail(
          ZipRule.LICENSE_TOO_LARGE,
          "LICENSE file too large (max size is " + limits.maxLicense() + ")");
    }
  }
}
