package dev.modmirror.core.gomod;

import java.util.Optional;

/** The {@code go} and {@code toolchain} version forms (x/mod GoVersionRE, ToolchainRE). */
final class GoVersions {
  private GoVersions() {}

  /**
   * {@code 1.N}, {@code 1.N.P} or a pre-release like {@code 1.21rc1}: {@code
   * ([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?}.
   *
   * @return null when valid, else the x/mod message
   */
  static String checkGo(String v) {
    return isGoVersion(v) ? null : "invalid go version '" + v + "': must match format 1.23.0";
  }

  /**
   * x/mod laxGoVersionRE, for dependencies' go.mod files: {@code v?(N.M)} followed by a non-digit
   * ({@code 1.14-custom}, {@code v1.14.0}) reads as {@code N.M}; the caller tries GoVersionRE
   * first.
   *
   * @return the cut version; empty when the text does not have that form
   */
  static Optional<String> laxGo(String v) {
    int i = v.startsWith("v") ? 1 : 0;
    int start = i;
    i = number(v, i, false);
    if (i < 0 || i == v.length() || v.charAt(i) != '.') {
      return Optional.empty();
    }
    i = number(v, i + 1, true);
    if (i < 0 || i == v.length() || Character.isDigit(v.charAt(i))) {
      return Optional.empty();
    }
    return Optional.of(v.substring(start, i));
  }

  /**
   * Compares Go versions ({@code 1.21}, {@code 1.21.3}, {@code 1.21rc1}) by their numbers: the
   * release and patch, a pre-release counting as its release (enough to compare with a release).
   */
  static int compare(String a, String b) {
    int[] x = numbers(a);
    int[] y = numbers(b);
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return 0;
  }

  private static int[] numbers(String v) {
    int[] n = new int[3];
    int part = 0;
    for (int i = 0; i < v.length() && part < 3; i++) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        n[part] = n[part] * 10 + (c - '0');
      } else if (c == '.') {
        part++;
      } else {
        break;
      }
    }
    return n;
  }

  /** {@code default}, or {@code go1} alone or followed by a dot. */
  static String checkToolchain(String v) {
    boolean ok = v.equals("default") || v.equals("go1") || v.startsWith("go1.");
    return ok
        ? null
        : "invalid toolchain version '" + v + "': must match format go1.23.0 or default";
  }

  private static boolean isGoVersion(String v) {
    int i = number(v, 0, false);
    if (i < 0 || i == v.length() || v.charAt(i) != '.') {
      return false;
    }
    i = number(v, i + 1, true);
    if (i >= 0 && i < v.length() && v.charAt(i) == '.') {
      i = number(v, i + 1, true);
    }
    if (i < 0) {
      return false;
    }
    int letters = i;
    while (i < v.length() && v.charAt(i) >= 'a' && v.charAt(i) <= 'z') {
      i++;
    }
    if (i == letters) {
      return i == v.length();
    }
    int digits = i;
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    return i > digits && i == v.length();
  }

  /** End of a decimal number at {@code from} (0 alone allowed when {@code zeroOk}), or -1. */
  private static int number(String v, int from, boolean zeroOk) {
    int i = from;
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    if (i == from || (v.charAt(from) == '0' && (!zeroOk || i - from > 1))) {
      return -1;
    }
    return i;
  }
}
