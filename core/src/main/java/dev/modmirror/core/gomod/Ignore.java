package dev.modmirror.core.gomod;

import java.util.Objects;

/**
 * One {@code ignore} line: a directory the go command skips when matching package patterns.
 *
 * @param line the 1-based line it was read from
 */
public record Ignore(String path, int line) {
  public Ignore {
    Objects.requireNonNull(path, "path");
  }
}
