package dev.modmirror.core.index;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The index's own line shape, {@code {"Path":"…","Version":"…","Timestamp":"…"}} with nothing
 * between the tokens and no escape or control character in the values, read without building a map
 * (a feed page has 2000 such lines). For such a line {@link FlatJson} would give exactly these
 * three members, so deciding it with {@link #decide} applies the same rules; any other line
 * (spaces, another order, more members, escapes, not JSON at all) is left to {@link FlatJson}.
 */
final class IndexShape {
  private static final String PATH = "{\"Path\":\"";
  private static final String VERSION = "\",\"Version\":\"";
  private static final String TIMESTAMP = "\",\"Timestamp\":\"";

  private IndexShape() {}

  /** The line decided, or null if it is not in the index's own shape. */
  static IndexLine parse(String line) {
    if (!line.startsWith(PATH)) {
      return null;
    }
    int pathStart = PATH.length();
    int pathEnd = plainEnd(line, pathStart);
    if (pathEnd < 0 || !line.startsWith(VERSION, pathEnd)) {
      return null;
    }
    int versionStart = pathEnd + VERSION.length();
    int versionEnd = plainEnd(line, versionStart);
    if (versionEnd < 0 || !line.startsWith(TIMESTAMP, versionEnd)) {
      return null;
    }
    int timeStart = versionEnd + TIMESTAMP.length();
    int timeEnd = plainEnd(line, timeStart);
    if (timeEnd < 0 || timeEnd + 2 != line.length() || line.charAt(timeEnd + 1) != '}') {
      return null;
    }
    return decide(
        line.substring(pathStart, pathEnd),
        line.substring(versionStart, versionEnd),
        line.substring(timeStart, timeEnd));
  }

  /**
   * The index of the quote that closes a string starting at {@code from}, or -1 if a backslash or a
   * control character comes first (FlatJson decodes or refuses those) or the line ends.
   */
  private static int plainEnd(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  /** Any line, through {@link FlatJson}: the reference the index's shape is held to. */
  static IndexLine general(String line) {
    Map<String, String> fields;
    try {
      fields = FlatJson.parse(line);
    } catch (FlatJson.Malformed e) {
      return new IndexLine.Invalid("not a JSON object: " + e.getMessage(), Optional.empty(), "");
    }
    return decide(fields.get("Path"), fields.get("Version"), fields.get("Timestamp"));
  }

  /**
   * Decides a line from its fields (null when absent): the one rule for both the index's own shape
   * and any other JSON object.
   */
  static IndexLine decide(String path, String version, String time) {
    Optional<Instant> at = Optional.empty();
    if (time != null) {
      try {
        at = Optional.of(FeedTime.parse(time));
      } catch (InvalidInputException e) {
        return new IndexLine.Invalid("bad Timestamp: " + e.getMessage(), at, path + "@" + version);
      }
    }
    if (path == null || version == null || at.isEmpty()) {
      String missing = path == null ? "Path" : version == null ? "Version" : "Timestamp";
      return new IndexLine.Invalid("missing field " + missing, at, path + "@" + version);
    }
    try {
      return new IndexLine.Valid(new IndexEntry(ModuleRef.of(path, version), at.get()));
    } catch (InvalidInputException e) {
      return new IndexLine.Invalid(e.getMessage(), at, path + "@" + version);
    }
  }
}
