package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.PathRules.Kind;
import java.util.Optional;

/**
 * Module, import and file path rules and their case encoding, exactly as golang.org/x/mod/module
 * (CheckPath, CheckImportPath, CheckFilePath, SplitPathVersion, CheckPathMajor, EscapePath,
 * UnescapePath, EscapeVersion, UnescapeVersion). Messages use x/mod's wording.
 */
public final class ModulePaths {
  private ModulePaths() {}

  /**
   * Checks a module path (x/mod CheckPath).
   *
   * @throws InvalidInputException {@code malformed module path "p": <rule>}
   */
  public static void checkPath(String path) {
    String reason = modulePathProblem(path);
    if (reason != null) {
      throw malformed("module", path, reason);
    }
  }

  /** True when {@link #checkPath} accepts {@code path}. */
  public static boolean isValidPath(String path) {
    return path != null && modulePathProblem(path) == null;
  }

  /**
   * Checks an import path (x/mod CheckImportPath): like a module path but any first element and
   * {@code +} allowed.
   *
   * @throws InvalidInputException {@code malformed import path "p": <rule>}
   */
  public static void checkImportPath(String path) {
    String reason = nullSafe(path, Kind.IMPORT);
    if (reason != null) {
      throw malformed("import", path, reason);
    }
  }

  /**
   * Checks the path a main module gives itself on its {@code module} line, as the go command does
   * when it loads that go.mod: import-path rules (x/mod CheckImportPath), reported as a module
   * path. Looser than {@link #checkPath}: {@code go mod init hello} writes {@code module hello},
   * which builds but can never be fetched.
   *
   * @throws InvalidInputException {@code malformed module path "p": <rule>}
   */
  public static void checkMainModulePath(String path) {
    String reason = nullSafe(path, Kind.IMPORT);
    if (reason != null) {
      throw malformed("module", path, reason);
    }
  }

  /**
   * Checks a slash-separated file path inside a module (x/mod CheckFilePath): more characters, all
   * Unicode letters, leading dots allowed; {@code ..}, absolute paths and backslashes are not.
   *
   * @throws InvalidInputException {@code malformed file path "p": <rule>}
   */
  public static void checkFilePath(String path) {
    String reason = nullSafe(path, Kind.FILE);
    if (reason != null) {
      throw malformed("file", path, reason);
    }
  }

  /**
   * Splits off the major-version suffix (x/mod SplitPathVersion).
   *
   * @return empty when the last element is a malformed suffix such as {@code /v1}, {@code /v0},
   *     {@code /v02}, {@code /v2.0}, or a gopkg.in path without {@code .vN}
   */
  public static Optional<PathSplit> splitPathVersion(String path) {
    return MajorSuffix.split(path);
  }

  /**
   * Checks that {@code version} belongs to a path with major suffix {@code pathMajor} (x/mod
   * CheckPathMajor): {@code ""} takes v0, v1 or {@code +incompatible}; {@code /vN} and {@code .vN}
   * take vN; gopkg.in {@code .v1} also takes the historic {@code v0.0.0-} pseudo-versions.
   *
   * @throws InvalidInputException {@code version "v" invalid: should be vN, not vM}
   */
  public static void checkPathMajor(String version, String pathMajor) {
    String reason = MajorSuffix.mismatch(version, pathMajor);
    if (reason != null) {
      throw new InvalidInputException(
          "version " + GoQuote.string(version) + " invalid: " + reason, null, version);
    }
  }

  /**
   * Checks that canonical {@code version} may be a version of module {@code path}, as x/mod's
   * {@code module.Check} does for versions served by a proxy: the path's major suffix must fit
   * ({@link #checkPathMajor}); {@code m/v2@v2.0.0+incompatible} fits, as in Go.
   *
   * @throws InvalidInputException {@code malformed module path "p": invalid version} for a
   *     malformed suffix, or {@code version "v" invalid: <reason>}
   */
  public static void checkPathVersion(String path, String version) {
    String pathMajor =
        splitPathVersion(path)
            .orElseThrow(() -> malformed("module", path, "invalid version"))
            .pathMajor();
    checkPathMajor(version, pathMajor);
  }

  /** True when {@link #checkPathMajor} accepts. */
  public static boolean matchPathMajor(String version, String pathMajor) {
    return MajorSuffix.mismatch(version, pathMajor) == null;
  }

  /**
   * Case-encodes a module path (x/mod EscapePath): every upper-case letter becomes {@code !} + its
   * lower case.
   *
   * @throws InvalidInputException if the path is not a valid module path
   */
  public static String escapePath(String path) {
    checkPath(path);
    return CaseEncoding.escape(path);
  }

  /**
   * Case-encodes a version (x/mod EscapeVersion). Versions need not be semver here, but must be a
   * valid file name element without {@code !}.
   *
   * @throws InvalidInputException {@code version "v" invalid: disallowed version string}
   */
  public static String escapeVersion(String version) {
    if (version == null
        || PathRules.checkElem(version, Kind.FILE) != null
        || version.indexOf('!') >= 0
        || !version.chars().allMatch(c -> c < 0x80)) {
      throw new InvalidInputException(
          "version "
              + GoQuote.string(String.valueOf(version))
              + " invalid: disallowed version string",
          null,
          version);
    }
    return CaseEncoding.escape(version);
  }

  /**
   * Decodes a case-encoded module path (x/mod UnescapePath).
   *
   * @throws InvalidInputException on an upper-case letter, a {@code !} not followed by a lower-case
   *     letter, a non-ASCII character, or a decoded path that breaks a module path rule
   */
  public static String unescapePath(String escaped) {
    String path = CaseEncoding.unescape(escaped);
    if (path == null) {
      throw new InvalidInputException(
          "invalid escaped module path " + GoQuote.string(String.valueOf(escaped)), escaped, null);
    }
    String reason = modulePathProblem(path);
    if (reason != null) {
      throw new InvalidInputException(
          "invalid escaped module path "
              + GoQuote.string(escaped)
              + ": "
              + malformed("module", path, reason).getMessage(),
          escaped,
          null);
    }
    return path;
  }

  /**
   * Decodes a case-encoded version (x/mod UnescapeVersion).
   *
   * @throws InvalidInputException on a bad escape or a decoded version that is not a valid file
   *     name element
   */
  public static String unescapeVersion(String escaped) {
    String version = CaseEncoding.unescape(escaped);
    if (version == null) {
      throw new InvalidInputException(
          "invalid escaped version " + GoQuote.string(String.valueOf(escaped)), null, escaped);
    }
    String reason = PathRules.checkElem(version, Kind.FILE);
    if (reason != null) {
      throw new InvalidInputException(
          "invalid escaped version " + GoQuote.string(version) + ": " + reason, null, escaped);
    }
    return version;
  }

  private static String modulePathProblem(String path) {
    String reason = nullSafe(path, Kind.MODULE);
    if (reason != null) {
      return reason;
    }
    int slash = path.indexOf('/');
    String first = slash < 0 ? path : path.substring(0, slash);
    if (slash == 0) {
      return "leading slash";
    }
    if (first.indexOf('.') < 0) {
      return "missing dot in first path element";
    }
    if (path.charAt(0) == '-') {
      return "leading dash in first path element";
    }
    for (int i = 0; i < first.length(); i++) {
      if (!PathRules.firstPathOk(first.charAt(i))) {
        return "invalid char " + GoQuote.rune(first.charAt(i)) + " in first path element";
      }
    }
    return MajorSuffix.split(path).isEmpty() ? "invalid version" : null;
  }

  private static String nullSafe(String path, Kind kind) {
    return path == null ? "empty string" : PathRules.checkPath(path, kind);
  }

  private static InvalidInputException malformed(String kind, String path, String reason) {
    String shown = path == null ? "\"\"" : GoQuote.string(path);
    return new InvalidInputException(
        "malformed " + kind + " path " + shown + ": " + reason, path, null);
  }
}
