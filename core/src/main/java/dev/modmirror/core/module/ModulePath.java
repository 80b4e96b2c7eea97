package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;

/**
 * A Go module path that passed {@link ModulePaths#checkPath}. Because every path is checked on
 * construction, object keys and URLs built from it cannot traverse or collide.
 *
 * @param value the path as written in go.mod, with its real upper-case letters
 */
public record ModulePath(String value) implements Comparable<ModulePath> {

  /**
   * @throws InvalidInputException if {@code value} breaks a module path rule
   */
  public ModulePath {
    ModulePaths.checkPath(value);
  }

  /** Parses and checks a path; the same as the constructor, named for reading. */
  public static ModulePath of(String value) {
    return new ModulePath(value);
  }

  /** The case-encoded form used in GOPROXY URLs and object keys ({@code !} + lower case). */
  public String escaped() {
    return ModulePaths.escapePath(value);
  }

  @Override
  public int compareTo(ModulePath other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
