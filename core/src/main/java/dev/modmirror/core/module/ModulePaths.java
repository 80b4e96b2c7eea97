package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;

/**
 * Module path rules and case encoding (golang.org/x/mod/module CheckPath, EscapePath).
 *
 * <p>FOUNDATION VERSION: the complete rule set (import and file paths, gopkg.in, reserved names) is
 * owned by the protocol work; this keeps the signatures stable.
 */
public final class ModulePaths {
  private ModulePaths() {}

  /**
   * Checks a module path.
   *
   * @throws InvalidInputException naming the rule broken
   */
  public static void checkPath(String path) {
    if (path == null || path.isEmpty()) {
      throw new InvalidInputException("malformed module path: empty string");
    }
    String first = path.split("/", -1)[0];
    if (!first.contains(".")) {
      throw new InvalidInputException(
          "malformed module path \"" + path + "\": missing dot in first path element", path, null);
    }
    for (String element : path.split("/", -1)) {
      if (element.isEmpty() || element.startsWith(".") || element.endsWith(".")) {
        throw new InvalidInputException(
            "malformed module path \"" + path + "\": invalid path element", path, null);
      }
      for (char c : element.toCharArray()) {
        if (!(c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0))) {
          throw new InvalidInputException(
              "malformed module path \"" + path + "\": invalid char '" + c + "'", path, null);
        }
      }
    }
  }

  /** Case-encodes a checked path: every upper-case letter becomes {@code !} + lower case. */
  public static String escapePath(String path) {
    return escape(path);
  }

  /** Case-encodes a version. */
  public static String escapeVersion(String version) {
    return escape(version);
  }

  /**
   * Decodes a case-encoded path.
   *
   * @throws InvalidInputException on an upper-case letter or a bad {@code !} escape
   */
  public static String unescapePath(String escaped) {
    String path = unescape(escaped);
    checkPath(path);
    return path;
  }

  /**
   * Decodes a case-encoded version.
   *
   * @throws InvalidInputException on an upper-case letter or a bad {@code !} escape
   */
  public static String unescapeVersion(String escaped) {
    return unescape(escaped);
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 4);
    for (char c : s.toCharArray()) {
      if (c >= 'A' && c <= 'Z') {
        out.append('!').append((char) (c + ('a' - 'A')));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean bang = false;
    for (char c : s.toCharArray()) {
      if (bang) {
        if (c < 'a' || c > 'z') {
          throw new InvalidInputException("invalid escaped string: " + s);
        }
        out.append((char) (c - ('a' - 'A')));
        bang = false;
      } else if (c == '!') {
        bang = true;
      } else if (c >= 'A' && c <= 'Z') {
        throw new InvalidInputException("invalid escaped string (upper case): " + s);
      } else {
        out.append(c);
      }
    }
    if (bang) {
      throw new InvalidInputException("invalid escaped string (trailing !): " + s);
    }
    return out.toString();
  }
}
