package dev.modmirror.core.module;

import java.util.Optional;

/** The major-version suffix of a module path (x/mod SplitPathVersion, CheckPathMajor). */
final class MajorSuffix {
  private static final String GOPKG = "gopkg.in/";
  private static final String UNSTABLE = "-unstable";

  private MajorSuffix() {}

  static Optional<PathSplit> split(String path) {
    if (path.startsWith(GOPKG)) {
      return splitGopkgIn(path);
    }
    int i = path.length();
    boolean dot = false;
    while (i > 0 && (isDigit(path.charAt(i - 1)) || path.charAt(i - 1) == '.')) {
      dot |= path.charAt(i - 1) == '.';
      i--;
    }
    if (i <= 1 || i == path.length() || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
      return Optional.of(new PathSplit(path, ""));
    }
    String pathMajor = path.substring(i - 2);
    if (dot || pathMajor.length() <= 2 || pathMajor.charAt(2) == '0' || pathMajor.equals("/v1")) {
      return Optional.empty();
    }
    return Optional.of(new PathSplit(path.substring(0, i - 2), pathMajor));
  }

  private static Optional<PathSplit> splitGopkgIn(String path) {
    int i = path.length();
    if (path.endsWith(UNSTABLE)) {
      i -= UNSTABLE.length();
    }
    while (i > 0 && isDigit(path.charAt(i - 1))) {
      i--;
    }
    if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
      return Optional.empty();
    }
    String pathMajor = path.substring(i - 2);
    if (pathMajor.length() <= 2 || (pathMajor.charAt(2) == '0' && !pathMajor.equals(".v0"))) {
      return Optional.empty();
    }
    return Optional.of(new PathSplit(path.substring(0, i - 2), pathMajor));
  }

  /** Returns why {@code version} does not fit {@code pathMajor}, or null when it does. */
  static String mismatch(String version, String pathMajor) {
    String major = pathMajor;
    if (major.startsWith(".v") && major.endsWith(UNSTABLE)) {
      major = major.substring(0, major.length() - UNSTABLE.length());
    }
    if (version.startsWith("v0.0.0-") && major.equals(".v1")) {
      // gopkg.in/yaml.v2 requires gopkg.in/check.v1 at a v0.0.0- pseudo-version: an old go bug.
      return null;
    }
    String m = Semver.major(version);
    String want;
    if (major.isEmpty()) {
      if (m.equals("v0") || m.equals("v1") || Semver.build(version).equals("+incompatible")) {
        return null;
      }
      want = "v0 or v1";
    } else if (major.charAt(0) == '/' || major.charAt(0) == '.') {
      if (m.equals(major.substring(1))) {
        return null;
      }
      want = major.substring(1);
    } else {
      want = major;
    }
    return "should be " + want + ", not " + m;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
