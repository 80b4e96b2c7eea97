package dev.modmirror.core.zip;

import java.util.Locale;
import java.util.Set;

/**
 * The module file path rules (x/mod {@code module.CheckFilePath}) for paths inside a module zip,
 * plus the case folding that finds colliding names.
 *
 * <p>Kept private to the zip package until {@code ModulePaths} offers a complete {@code
 * checkFilePath}; then this delegates to it.
 */
final class FilePaths {
  private static final String ALLOWED_PUNCTUATION = "!#$%&()+,-.=@[]^_{}~ ";
  private static final Set<String> WINDOWS_RESERVED =
      Set.of(
          "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
          "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private FilePaths() {}

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

  /** Returns why {@code path} breaks the file path rules, or null if it passes. */
  static String invalidReason(String path) {
    if (path.isEmpty()) {
      return "empty string";
    }
    if (path.contains("//")) {
      return "double slash";
    }
    if (path.endsWith("/")) {
      return "trailing slash";
    }
    for (String element : path.split("/", -1)) {
      String reason = invalidElement(element);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private static String invalidElement(String elem) {
    if (elem.isEmpty()) {
      return "empty path element";
    }
    if (elem.chars().allMatch(c -> c == '.')) {
      return "invalid path element \"" + elem + "\"";
    }
    if (elem.endsWith(".")) {
      return "trailing dot in path element";
    }
    int bad = elem.codePoints().filter(cp -> !fileNameOk(cp)).findFirst().orElse(-1);
    if (bad >= 0) {
      return String.format("invalid char U+%04X", bad);
    }
    int dot = elem.indexOf('.');
    String shortName = dot >= 0 ? elem.substring(0, dot) : elem;
    if (WINDOWS_RESERVED.contains(shortName.toUpperCase(Locale.ROOT))) {
      return "\"" + shortName + "\" disallowed as path element component on Windows";
    }
    return null;
  }

  private static boolean fileNameOk(int cp) {
    if (cp < 0x80) {
      return cp >= '0' && cp <= '9'
          || cp >= 'A' && cp <= 'Z'
          || cp >= 'a' && cp <= 'z'
          || ALLOWED_PUNCTUATION.indexOf(cp) >= 0;
    }
    return Character.isLetter(cp);
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
