package dev.modmirror.core.zip;

import dev.modmirror.core.module.GoFold;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Entry names as Go sees them: bytes that must be valid UTF-8 to pass the file path rules (which
 * are {@code ModulePaths.checkFilePath}); the zip-only classification of escaping paths; and the
 * case folding that finds colliding names.
 */
final class EntryNames {
  private EntryNames() {}

  static String decode(byte[] raw, Blame blame) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw blame.fail(ZipRule.INVALID_FILE_PATH, "entry name is not valid UTF-8");
    }
  }

  /**
   * Returns why a path could escape the extraction root (an element {@code ..}, an absolute path, a
   * backslash or a drive colon), or null. Checked before the general rules so that such paths get
   * their own rule name.
   */
  static String escapeReason(String path) {
    if (path.startsWith("/")) {
      return "absolute path";
    }
    if (path.indexOf('\\') >= 0) {
      return "backslash in path";
    }
    if (path.indexOf(':') >= 0) {
      return "colon (drive or stream) in path";
    }
    for (String element : path.split("/", -1)) {
      if (element.equals("..")) {
        return "path element \"..\"";
      }
    }
    return null;
  }

  /** x/mod's {@code strToFold} with Go's fold tables: see {@link GoFold#zipKey}. */
  static String fold(String path) {
    return GoFold.zipKey(path);
  }
}
