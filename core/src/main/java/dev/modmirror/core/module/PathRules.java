package dev.modmirror.core.module;

/**
 * The element rules shared by module, import and file paths (x/mod module.checkPath and checkElem).
 * Each check returns the reason a path is bad, without the path, or null when it is fine; callers
 * add the {@code malformed ___ path "p": } prefix exactly as x/mod does.
 */
final class PathRules {
  /** Which character set and which extra rules apply. */
  enum Kind {
    MODULE,
    IMPORT,
    FILE
  }

  private static final String[] BAD_WINDOWS_NAMES = {
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"
  };
  private static final String FILE_PUNCTUATION = "!#$%&()+,-.=@[]^_{}~ ";

  private PathRules() {}

  /** Returns why {@code path} is bad as a path of {@code kind}, or null. */
  static String checkPath(String path, Kind kind) {
    if (!isValidUtf16(path)) {
      return "invalid UTF-8";
    }
    if (path.isEmpty()) {
      return "empty string";
    }
    if (path.charAt(0) == '-' && kind != Kind.FILE) {
      return "leading dash";
    }
    if (path.contains("//")) {
      return "double slash";
    }
    if (path.charAt(path.length() - 1) == '/') {
      return "trailing slash";
    }
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        String reason = checkElem(path, start, i, kind);
        if (reason != null) {
          return reason;
        }
        start = i + 1;
      }
    }
    return null;
  }

  /** Returns why {@code elem} is bad as one path element of {@code kind}, or null. */
  static String checkElem(String elem, Kind kind) {
    return checkElem(elem, 0, elem.length(), kind);
  }

  /**
   * {@link #checkElem(String, Kind)} for {@code path[start, end)}, read in place: every module path
   * of every feed line passes here, so the element is copied only into a message.
   */
  private static String checkElem(String path, int start, int end, Kind kind) {
    if (start == end) {
      return "empty path element";
    }
    boolean dotsOnly = true;
    for (int i = start; i < end && dotsOnly; i++) {
      dotsOnly = path.charAt(i) == '.';
    }
    if (dotsOnly) {
      return "invalid path element " + GoQuote.string(path.substring(start, end));
    }
    if (path.charAt(start) == '.' && kind == Kind.MODULE) {
      return "leading dot in path element";
    }
    if (path.charAt(end - 1) == '.') {
      return "trailing dot in path element";
    }
    for (int i = start; i < end; ) {
      int cp = path.codePointAt(i);
      if (!charOk(cp, kind)) {
        return "invalid char " + GoQuote.rune(cp);
      }
      i += Character.charCount(cp);
    }
    int dot = path.indexOf('.', start);
    int shortEnd = dot >= 0 && dot < end ? dot : end;
    int shortLength = shortEnd - start;
    // Every reserved name starts with C, P, A, N or L; an element starting with another ASCII
    // character cannot match one, however compared (only non-ASCII letters need the full loop).
    char first = path.charAt(start);
    boolean mayBeReserved =
        (shortLength == 3 || shortLength == 4)
            && (first >= 0x80 || "cpanlCPANL".indexOf(first) >= 0);
    for (int k = 0; mayBeReserved && k < BAD_WINDOWS_NAMES.length; k++) {
      String bad = BAD_WINDOWS_NAMES[k];
      if (bad.length() == shortLength && path.regionMatches(true, start, bad, 0, shortLength)) {
        return GoQuote.string(path.substring(start, shortEnd))
            + " disallowed as path element component on Windows";
      }
    }
    if (kind != Kind.FILE && looksLikeWindowsShortName(path, start, shortEnd)) {
      return "trailing tilde and digits in path element";
    }
    return null;
  }

  /** First-element rule for module paths: an LDH domain name, lower case only. */
  static boolean firstPathOk(int c) {
    return c == '-' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
  }

  /** True if {@code path[start, end)} ends in a tilde and one or more digits. */
  private static boolean looksLikeWindowsShortName(String path, int start, int end) {
    // Backwards from the end, within the element only (String.lastIndexOf would scan on to the
    // path's start for every element without a tilde).
    int i = end - 1;
    while (i >= start && path.charAt(i) >= '0' && path.charAt(i) <= '9') {
      i--;
    }
    return i < end - 1 && i >= start && path.charAt(i) == '~';
  }

  private static boolean charOk(int c, Kind kind) {
    return switch (kind) {
      case MODULE -> modPathOk(c);
      case IMPORT -> modPathOk(c) || c == '+';
      case FILE -> fileNameOk(c);
    };
  }

  private static boolean modPathOk(int c) {
    return c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z');
  }

  private static boolean fileNameOk(int c) {
    if (c < 0x80) {
      return (c >= '0' && c <= '9')
          || (c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || FILE_PUNCTUATION.indexOf(c) >= 0;
    }
    return GoLetters.isLetter(c);
  }

  /**
   * A Java string is UTF-16; the analogue of Go's invalid UTF-8 is an unpaired surrogate. (Bytes
   * that were not UTF-8 and were decoded leniently became U+FFFD, which no rule allows.)
   */
  private static boolean isValidUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
