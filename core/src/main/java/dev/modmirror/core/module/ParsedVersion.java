package dev.modmirror.core.module;

/**
 * The parts of a valid semantic version (x/mod semver's parsed form).
 *
 * @param major decimal digits, no leading zero
 * @param minor decimal digits; {@code "0"} when the version omits it
 * @param patch decimal digits; {@code "0"} when the version omits it
 * @param shorthand what was left out ({@code ".0.0"}, {@code ".0"} or {@code ""})
 * @param prerelease {@code "-…"} or {@code ""}
 * @param build {@code "+…"} or {@code ""}
 */
public record ParsedVersion(
    String major, String minor, String patch, String shorthand, String prerelease, String build) {

  /** Parses as x/mod semver does; returns null for an invalid version. Linear, no regex. */
  static ParsedVersion parse(String v) {
    if (v == null || v.isEmpty() || v.charAt(0) != 'v') {
      return null;
    }
    Cursor c = new Cursor(v, 1);
    String major = c.number();
    if (major == null) {
      return null;
    }
    if (c.atEnd()) {
      return new ParsedVersion(major, "0", "0", ".0.0", "", "");
    }
    String minor = c.dot() ? c.number() : null;
    if (minor == null) {
      return null;
    }
    if (c.atEnd()) {
      return new ParsedVersion(major, minor, "0", ".0", "", "");
    }
    String patch = c.dot() ? c.number() : null;
    if (patch == null) {
      return null;
    }
    String pre = c.peek('-') ? c.identifiers(true) : "";
    String build = pre != null && c.peek('+') ? c.identifiers(false) : "";
    if (pre == null || build == null || !c.atEnd()) {
      return null;
    }
    return new ParsedVersion(major, minor, patch, "", pre, build);
  }

  private static final class Cursor {
    private final String s;
    private int i;

    Cursor(String s, int i) {
      this.s = s;
      this.i = i;
    }

    boolean atEnd() {
      return i == s.length();
    }

    boolean peek(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    boolean dot() {
      if (peek('.')) {
        i++;
        return true;
      }
      return false;
    }

    String number() {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start || (s.charAt(start) == '0' && i - start > 1)) {
        return null;
      }
      return s.substring(start, i);
    }

    /** Reads {@code -a.b} or {@code +a.b}; numeric pre-release identifiers take no leading 0. */
    String identifiers(boolean prerelease) {
      int start = i++;
      int elem = i;
      for (; i <= s.length(); i++) {
        char c = i < s.length() ? s.charAt(i) : '.';
        boolean end = i == s.length() || (prerelease && c == '+');
        if (end || c == '.') {
          if (elem == i || (prerelease && isBadNum(s, elem, i))) {
            return null;
          }
          if (end) {
            break;
          }
          elem = i + 1;
        } else if (!isIdentChar(c)) {
          return null;
        }
      }
      return s.substring(start, i);
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '-';
  }

  static boolean isNum(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBadNum(String s, int from, int to) {
    return to - from > 1 && s.charAt(from) == '0' && isNum(s, from, to);
  }
}
