package dev.modmirror.core.module;

import dev.modmirror.core.error.InvalidInputException;

/**
 * A canonical Go module version ({@code v1.2.3}, a pre-release, a pseudo-version, or a version with
 * {@code +incompatible}). Ordering is Go's semantic-version ordering, as in {@code @v/list}.
 *
 * @param value the canonical version string
 */
public record ModuleVersion(String value) implements Comparable<ModuleVersion> {

  /**
   * @throws InvalidInputException if {@code value} is not a canonical semantic version
   */
  public ModuleVersion {
    Semver.checkCanonical(value);
  }

  public static ModuleVersion of(String value) {
    return new ModuleVersion(value);
  }

  /** The case-encoded form used in GOPROXY URLs and object keys. */
  public String escaped() {
    return ModulePaths.escapeVersion(value);
  }

  /** True for pseudo-versions such as {@code v0.0.0-20191109021931-daa7c04131f5}. */
  public boolean isPseudo() {
    return Semver.isPseudo(value);
  }

  @Override
  public int compareTo(ModuleVersion other) {
    return Semver.compare(value, other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
