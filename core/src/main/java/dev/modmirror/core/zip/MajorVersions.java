package dev.modmirror.core.zip;

/**
 * x/mod {@code module.SplitPathVersion} and {@code CheckPathMajor}: a path's {@code /vN} (or
 * gopkg.in {@code .vN}) suffix must agree with the version's major version. Kept here until {@code
 * ModulePaths} offers it.
 */
final class MajorVersions {
  private MajorVersions() {}

  /** Returns why {@code version} does not fit {@code path}'s major version suffix, or null. */
  static String mismatch(String path, String version) {
    String pathMajor = pathMajor(path);
    if (pathMajor == null) {
      return "invalid major version suffix in module path " + path;
    }
    if (pathMajor.startsWith(".v") && pathMajor.endsWith("-unstable")) {
      pathMajor = pathMajor.substring(0, pathMajor.length() - "-unstable".length());
    }
    if (version.startsWith("v0.0.0-") && pathMajor.equals(".v1")) {
      return null; // x/mod tolerates an old pseudo-version bug for gopkg.in .v1 paths
    }
    String major = version.substring(0, indexOfAny(version, ".-+"));
    if (pathMajor.isEmpty()) {
      boolean ok = major.equals("v0") || major.equals("v1") || version.endsWith("+incompatible");
      return ok ? null : "version " + version + " needs a /" + major + " suffix on " + path;
    }
    if (version.endsWith("+incompatible")) {
      return "+incompatible version " + version + " on a path with major suffix " + pathMajor;
    }
    return major.equals(pathMajor.substring(1))
        ? null
        : "version " + version + " does not match major version suffix " + pathMajor;
  }

  /** The {@code /vN} or {@code .vN[-unstable]} suffix, "" when there is none, null if malformed. */
  private static String pathMajor(String path) {
    if (path.startsWith("gopkg.in/")) {
      String p = path.endsWith("-unstable") ? path.substring(0, path.length() - 9) : path;
      int i = p.length();
      while (i > 0 && Character.isDigit(p.charAt(i - 1)) && p.charAt(i - 1) < 0x80) {
        i--;
      }
      if (i <= 1 || i == p.length() || p.charAt(i - 1) != 'v' || p.charAt(i - 2) != '.') {
        return null;
      }
      String major = p.substring(i - 2);
      return major.charAt(2) == '0' && !major.equals(".v0") ? null : path.substring(i - 2);
    }
    int i = path.length();
    boolean dot = false;
    while (i > 0
        && (path.charAt(i - 1) >= '0' && path.charAt(i - 1) <= '9' || path.charAt(i - 1) == '.')) {
      dot |= path.charAt(i - 1) == '.';
      i--;
    }
    if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
      return "";
    }
    String major = path.substring(i - 2);
    if (dot || major.length() <= 2 || major.charAt(2) == '0' || major.equals("/v1")) {
      return null;
    }
    return major;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }
}
