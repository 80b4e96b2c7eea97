package dev.modmirror.core.gomod;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code replace} line: {@code old [v] => new [v]}.
 *
 * @param oldPath the module path replaced
 * @param oldVersion the version replaced; empty when every version is
 * @param newPath a module path, or a local directory when {@code newVersion} is empty
 * @param newVersion the replacement's version; empty for a local directory
 * @param line the 1-based line it was read from
 */
public record Replace(
    String oldPath,
    Optional<String> oldVersion,
    String newPath,
    Optional<String> newVersion,
    int line) {
  public Replace {
    Objects.requireNonNull(oldPath, "oldPath");
    Objects.requireNonNull(oldVersion, "oldVersion");
    Objects.requireNonNull(newPath, "newPath");
    Objects.requireNonNull(newVersion, "newVersion");
  }

  /** True when the replacement is a directory on the local disk rather than a module. */
  public boolean isLocal() {
    return newVersion.isEmpty();
  }
}
