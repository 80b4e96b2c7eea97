package dev.modmirror.core.zip;

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
      throw blame.fail("invalid-file-path", "entry name is not valid UTF-8");
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

  /**
   * A key such that two paths are equal under Unicode simple case folding (Go's {@code
   * strings.EqualFold}) iff their keys are equal, as x/mod's {@code strToFold}. Java has no
   * SimpleFold orbit walk; upper- then lower-casing each code point gives the same classes (K, k
   * and the Kelvin sign; s, S and long s; the sigmas), except for dotted and dotless i, which Go
   * leaves unfolded and which are therefore kept as they are.
   */
  static String fold(String path) {
    StringBuilder out = new StringBuilder(path.length());
    path.codePoints().forEach(cp -> out.appendCodePoint(foldCodePoint(cp)));
    return out.toString();
  }

  private static int foldCodePoint(int cp) {
    if (cp < 0x80) {
      return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
    }
    if (cp == 0x130 || cp == 0x131) {
      return cp;
    }
    return Character.toLowerCase(Character.toUpperCase(cp));
  }
}
