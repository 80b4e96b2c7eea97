package dev.modmirror.core.module;

/** Precedence of parsed versions (x/mod semver compareInt and comparePrerelease). */
final class VersionOrder {
  private VersionOrder() {}

  static int compare(ParsedVersion a, ParsedVersion b) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? -1 : 1);
    }
    int c = compareInt(a.major(), b.major());
    if (c == 0) {
      c = compareInt(a.minor(), b.minor());
    }
    if (c == 0) {
      c = compareInt(a.patch(), b.patch());
    }
    return c != 0 ? c : comparePrerelease(a.prerelease(), b.prerelease());
  }

  /** Decimal strings without leading zeros: the longer is larger, else lexical. */
  static int compareInt(String x, String y) {
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  /**
   * Semver 2.0.0 §11: no pre-release beats any pre-release; identifiers left to right, numeric ones
   * numerically and below alphanumeric ones, which compare in ASCII order; a longer list wins when
   * all shared identifiers are equal.
   */
  static int comparePrerelease(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    if (x.isEmpty() || y.isEmpty()) {
      return x.isEmpty() ? 1 : -1;
    }
    int i = 1;
    int j = 1;
    while (i <= x.length() && j <= y.length()) {
      int ei = end(x, i);
      int ej = end(y, j);
      int c = compareIdent(x.substring(i, ei), y.substring(j, ej));
      if (c != 0) {
        return c;
      }
      i = ei + 1;
      j = ej + 1;
    }
    return i > x.length() ? -1 : 1;
  }

  private static int compareIdent(String dx, String dy) {
    if (dx.equals(dy)) {
      return 0;
    }
    boolean nx = ParsedVersion.isNum(dx, 0, dx.length());
    boolean ny = ParsedVersion.isNum(dy, 0, dy.length());
    if (nx != ny) {
      return nx ? -1 : 1;
    }
    if (nx && dx.length() != dy.length()) {
      return dx.length() < dy.length() ? -1 : 1;
    }
    return Integer.signum(dx.compareTo(dy));
  }

  private static int end(String s, int from) {
    int k = s.indexOf('.', from);
    return k < 0 ? s.length() : k;
  }
}
