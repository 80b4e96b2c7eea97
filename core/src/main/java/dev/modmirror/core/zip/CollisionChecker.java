package dev.modmirror.core.zip;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds case-insensitive name collisions and paths listed as both a file and a directory, as
 * x/mod's {@code collisionChecker}: every path registers itself and, as directories, all its
 * parents.
 */
final class CollisionChecker {
  private record Seen(String path, boolean isDir) {}

  private final Map<String, Seen> byFold = new HashMap<>();
  private final Blame blame;

  CollisionChecker(Blame blame) {
    this.blame = blame;
  }

  void check(String path, boolean isDir) {
    String p = path;
    boolean dir = isDir;
    while (true) {
      Seen other = byFold.putIfAbsent(EntryNames.fold(p), new Seen(p, dir));
      if (other != null) {
        if (!other.path().equals(p)) {
          throw blame.fail(
              ZipRule.CASE_COLLISION,
              "case-insensitive file name collision: \"" + other.path() + "\" and \"" + p + "\"");
        }
        if (other.isDir() != dir) {
          throw blame.fail(
              ZipRule.FILE_AND_DIRECTORY, "entry \"" + p + "\" is both a file and a directory");
        }
        if (!dir) {
          throw blame.fail(ZipRule.DUPLICATE_ENTRY, "multiple entries for file \"" + p + "\"");
        }
      }
      int slash = p.lastIndexOf('/');
      if (slash == -1) {
        return;
      }
      p = p.substring(0, slash);
      dir = true;
    }
  }
}
